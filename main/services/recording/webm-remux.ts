import { Id, element, elementHeader, floatElement, idPayload, uintElement } from './ebml';
import { parseWebmStream, type Block, type WebmHead } from './webm-stream';

/** A run of WebM bytes; `afterLoss` marks that bytes before it are missing (lost chunks). */
export interface WebmPiece {
  readonly data: Buffer;
  readonly afterLoss: boolean;
}

/**
 * The recording's WebM bytes as a stream that can be read more than once (the remux reads it
 * twice: once to lay the output out, once to write it).
 */
export interface WebmSource {
  readonly totalBytes: number;
  /** Offsets where bytes before are missing (a lost chunk). */
  readonly breaks: readonly number[];
  read(): AsyncIterable<Buffer>;
}

/** What the remux wrote. */
export interface RemuxSummary {
  readonly durationMs: number;
  readonly blocks: number;
  readonly webmBytes: number;
  /** Bytes of input that could not be used (torn tail, data around lost chunks). */
  readonly skippedBytes: number;
}

interface ClusterPlan {
  timecode: number;
  blockBytes: number;
  blocks: number;
  readonly firstTimeMs: number;
}

/**
 * Rebuilds a clean WebM from MediaRecorder chunks, streaming. Chrome writes a live stream: Segment
 * and Clusters of unknown size and no Duration, so players show no length and cannot seek. This
 * keeps the EBML header, Info and Tracks and every complete audio block (see webm-stream) and
 * writes a Segment of known size with SeekHead, Info (with the real Duration), Tracks, Clusters
 * and Cues. Sizes and the Duration come before the clusters in the file, so a first pass over the
 * input measures the clusters and a second one writes them: memory holds the layout (a few numbers
 * per cluster), never the recording.
 */
export async function remuxWebmStream(source: WebmSource, write: (bytes: Buffer) => Promise<void>): Promise<RemuxSummary> {
  const clusters = new Map<number, ClusterPlan>();
  let last: Block | null = null;
  let prev: Block | null = null;
  let blocks = 0;
  const head = await parseWebmStream(source.read(), source.totalBytes, source.breaks, {
    block(ordinal, block) {
      const plan = clusters.get(ordinal) ?? { timecode: 0, blockBytes: 0, blocks: 0, firstTimeMs: block.timeMs };
      plan.blockBytes += block.raw.length;
      plan.blocks += 1;
      clusters.set(ordinal, plan);
      prev = last;
      last = { raw: Buffer.alloc(0), timeMs: block.timeMs, durationMs: block.durationMs };
      blocks += 1;
    },
    clusterEnd(ordinal, timecode) {
      const plan = clusters.get(ordinal);
      if (plan) plan.timecode = timecode;
    },
  });
  const durationMs = endTimeMs(last, prev);
  const layout = layOut(head, clusters, durationMs);
  let written = 0;
  const put = async (bytes: Buffer) => {
    written += bytes.length;
    await write(bytes);
  };
  await put(layout.start);
  let current = -1;
  await parseWebmStream(source.read(), source.totalBytes, source.breaks, {
    async block(ordinal, block) {
      if (ordinal !== current) {
        current = ordinal;
        await put(layout.clusterHeads.get(ordinal)!);
      }
      await put(block.raw);
    },
    clusterEnd() {},
  });
  await put(layout.cues);
  // The second pass reads the same bytes as the first; a mismatch would mean a corrupt file.
  if (written !== layout.totalBytes) throw new Error(`录音重新封装前后不一致 (wrote ${written} of ${layout.totalBytes} bytes)`);
  return { durationMs, blocks, webmBytes: written, skippedBytes: Math.max(0, source.totalBytes - head.usedBytes) };
}

/** The remux of pieces held in memory, returned as one buffer (small recordings, tests). */
export async function remuxWebm(pieces: readonly WebmPiece[]): Promise<RemuxSummary & { webm: Buffer }> {
  const breaks: number[] = [];
  let offset = 0;
  for (const p of pieces) {
    if (p.afterLoss && offset > 0) breaks.push(offset);
    offset += p.data.length;
  }
  const out: Buffer[] = [];
  const summary = await remuxWebmStream(
    {
      totalBytes: offset,
      breaks,
      async *read() {
        for (const p of pieces) yield p.data;
      },
    },
    async (bytes) => void out.push(Buffer.from(bytes)),
  );
  return { ...summary, webm: Buffer.concat(out) };
}

function endTimeMs(last: Block | null, prev: Block | null): number {
  if (!last) return 0;
  const fallback = prev ? Math.max(0, last.timeMs - prev.timeMs) : 20;
  return last.timeMs + (last.durationMs ?? fallback);
}

function layOut(head: WebmHead, clusters: Map<number, ClusterPlan>, durationMs: number) {
  const msPerTick = head.timecodeScale / 1_000_000;
  const info = element(Id.Info, ...head.infoChildren, floatElement(Id.Duration, durationMs / msPerTick));
  // SeekHead entries use fixed-width positions so its size is known before the positions are.
  const seekEntry = (id: number, position: number) => element(Id.Seek, element(Id.SeekID, idPayload(id)), uintElement(Id.SeekPosition, position, 6));
  const seekSize = element(Id.SeekHead, seekEntry(Id.Info, 0), seekEntry(Id.Tracks, 0), seekEntry(Id.Cues, 0)).length;
  const infoPos = seekSize;
  const tracksPos = infoPos + info.length;
  let clusterPos = tracksPos + head.tracksRaw.length;
  const clusterHeads = new Map<number, Buffer>();
  const cuePoints: Buffer[] = [];
  for (const [ordinal, c] of clusters) {
    const timecode = uintElement(Id.Timecode, c.timecode);
    const clusterHead = Buffer.concat([elementHeader(Id.Cluster, timecode.length + c.blockBytes), timecode]);
    clusterHeads.set(ordinal, clusterHead);
    const cueTime = Math.max(0, Math.round(c.firstTimeMs / msPerTick));
    cuePoints.push(
      element(
        Id.CuePoint,
        uintElement(Id.CueTime, cueTime),
        element(Id.CueTrackPositions, uintElement(Id.CueTrack, 1), uintElement(Id.CueClusterPosition, clusterPos, 6)),
      ),
    );
    clusterPos += clusterHead.length + c.blockBytes;
  }
  const cues = element(Id.Cues, ...cuePoints);
  const seekHead = element(Id.SeekHead, seekEntry(Id.Info, infoPos), seekEntry(Id.Tracks, tracksPos), seekEntry(Id.Cues, clusterPos));
  const segmentBytes = clusterPos + cues.length;
  const segmentHead = Buffer.concat([head.ebmlRaw, elementHeader(Id.Segment, segmentBytes)]);
  const start = Buffer.concat([segmentHead, seekHead, info, head.tracksRaw]);
  return { start, clusterHeads, cues, totalBytes: segmentHead.length + segmentBytes };
}
