import { Id, SEGMENT_CHILDREN, element, floatElement, idPayload, readHeader, readUint, uintElement, type ElementHeader } from './ebml';
import { opusPacketDurationMs } from './opus-duration';

/** A run of WebM bytes; `afterLoss` marks that bytes before it are missing (lost chunks). */
export interface WebmPiece {
  readonly data: Buffer;
  readonly afterLoss: boolean;
}

/** The remuxed recording. */
export interface RemuxResult {
  readonly webm: Buffer;
  readonly durationMs: number;
  readonly blocks: number;
  /** Bytes of input that could not be used (torn tail, data around lost chunks). */
  readonly skippedBytes: number;
}

interface Block {
  readonly raw: Buffer;
  readonly timeMs: number;
  readonly durationMs: number | null;
}
interface Cluster {
  readonly timecode: number;
  readonly blocks: Block[];
}

/**
 * Rebuilds a clean WebM from MediaRecorder chunks. Chrome writes a live stream: Segment and
 * Clusters of unknown size and no Duration, so players show no length and cannot seek. This keeps
 * the EBML header, Info and Tracks and every complete audio block, drops whatever a crash or a
 * lost chunk tore apart (resynchronising on the next Cluster), and writes a Segment of known size
 * with SeekHead, Info (with the real Duration), Tracks, Clusters and Cues.
 */
export function remuxWebm(pieces: readonly WebmPiece[]): RemuxResult {
  const buf = Buffer.concat(pieces.map((p) => p.data));
  const breaks: number[] = [];
  let offset = 0;
  for (const p of pieces) {
    if (p.afterLoss && offset > 0) breaks.push(offset);
    offset += p.data.length;
  }
  const spansBreak = (start: number, end: number) => breaks.some((b) => b > start && b < end);

  const ebml = readHeader(buf, 0);
  if (!ebml || ebml.id !== Id.EBML || ebml.size === null) throw new Error('录音数据不是 WebM (no EBML header)');
  const ebmlRaw = buf.subarray(0, ebml.dataStart + ebml.size);
  const segment = readHeader(buf, ebmlRaw.length);
  if (!segment || segment.id !== Id.Segment) throw new Error('录音数据不是 WebM (no Segment)');
  const segmentEnd = segment.size === null ? buf.length : Math.min(buf.length, segment.dataStart + segment.size);

  let infoChildren: Buffer[] | null = null;
  let timecodeScale = 1_000_000;
  let tracksRaw: Buffer | null = null;
  const clusters: Cluster[] = [];
  let used = ebmlRaw.length + (segment.dataStart - segment.start);
  let pos = segment.dataStart;

  const resync = (from: number): number => {
    const next = breaks.find((b) => b >= from) ?? from;
    const at = buf.indexOf(CLUSTER_ID, Math.max(from, next));
    return at < 0 || at >= segmentEnd ? segmentEnd : at;
  };

  while (pos < segmentEnd) {
    const h = readHeader(buf, pos);
    if (!h || !SEGMENT_CHILDREN.has(h.id)) {
      pos = resync(pos + 1);
      continue;
    }
    if (h.id === Id.Cluster) {
      const parsed = readCluster(buf, h, segmentEnd, timecodeScale, spansBreak);
      if (parsed.cluster.blocks.length > 0) clusters.push(parsed.cluster);
      used += parsed.usedBytes;
      pos = parsed.clean ? parsed.end : resync(parsed.end);
      continue;
    }
    const end = h.size === null ? -1 : h.dataStart + h.size;
    if (end < 0 || end > segmentEnd || spansBreak(h.start, end)) {
      pos = resync(pos + 1);
      continue;
    }
    if (h.id === Id.Info && infoChildren === null) {
      infoChildren = [];
      for (const child of children(buf, h.dataStart, end)) {
        if (child.id === Id.Duration) continue;
        if (child.id === Id.TimecodeScale) timecodeScale = readUint(buf, child.dataStart, child.dataStart + (child.size ?? 0));
        infoChildren.push(buf.subarray(child.start, child.dataStart + (child.size ?? 0)));
      }
      used += end - h.start;
    } else if (h.id === Id.Tracks && tracksRaw === null) {
      tracksRaw = buf.subarray(h.start, end);
      used += end - h.start;
    }
    pos = end;
  }
  if (!infoChildren || !tracksRaw) throw new Error('录音数据缺少 WebM 头信息 (no Info/Tracks)');

  const durationMs = endTimeMs(clusters);
  const blocks = clusters.reduce((n, c) => n + c.blocks.length, 0);
  const webm = writeWebm(ebmlRaw, infoChildren, durationMs / (timecodeScale / 1_000_000), tracksRaw, clusters, timecodeScale);
  return { webm, durationMs, blocks, skippedBytes: Math.max(0, buf.length - used) };
}

const CLUSTER_ID = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);

function* children(buf: Buffer, start: number, end: number): Generator<ElementHeader> {
  let pos = start;
  while (pos < end) {
    const h = readHeader(buf, pos);
    if (!h || h.size === null || h.dataStart + h.size > end) return;
    yield h;
    pos = h.dataStart + h.size;
  }
}

function readCluster(
  buf: Buffer,
  h: ElementHeader,
  segmentEnd: number,
  timecodeScale: number,
  spansBreak: (start: number, end: number) => boolean,
): { cluster: Cluster; end: number; clean: boolean; usedBytes: number } {
  const declaredEnd = h.size === null ? segmentEnd : Math.min(segmentEnd, h.dataStart + h.size);
  const blocks: Block[] = [];
  let timecode: number | null = null;
  let pos = h.dataStart;
  let used = h.dataStart - h.start;
  const msPerTick = timecodeScale / 1_000_000;
  while (pos < declaredEnd) {
    const c = readHeader(buf, pos);
    if (!c) return { cluster: { timecode: timecode ?? 0, blocks }, end: pos, clean: false, usedBytes: used };
    if (h.size === null && SEGMENT_CHILDREN.has(c.id) && c.id !== Id.Void) break; // next top-level element
    const end = c.size === null ? -1 : c.dataStart + c.size;
    if (end < 0 || end > declaredEnd || spansBreak(c.start, end)) {
      return { cluster: { timecode: timecode ?? 0, blocks }, end: pos + 1, clean: false, usedBytes: used };
    }
    if (c.id === Id.Timecode) timecode = readUint(buf, c.dataStart, end);
    else if ((c.id === Id.SimpleBlock || c.id === Id.BlockGroup) && timecode !== null) {
      const block = parseBlock(buf, c, end, timecode, msPerTick);
      if (block) blocks.push(block);
    }
    used += end - c.start;
    pos = end;
  }
  return { cluster: { timecode: timecode ?? 0, blocks }, end: pos, clean: true, usedBytes: used };
}

function parseBlock(buf: Buffer, c: ElementHeader, end: number, clusterTime: number, msPerTick: number): Block | null {
  let payloadStart = c.dataStart;
  let payloadEnd = end;
  let durationTicks: number | null = null;
  if (c.id === Id.BlockGroup) {
    let found = false;
    for (const g of children(buf, c.dataStart, end)) {
      if (g.id === Id.Block) {
        payloadStart = g.dataStart;
        payloadEnd = g.dataStart + (g.size ?? 0);
        found = true;
      } else if (g.id === Id.BlockDuration) durationTicks = readUint(buf, g.dataStart, g.dataStart + (g.size ?? 0));
    }
    if (!found) return null;
  }
  // Block payload: track number (vint) | int16 relative time | flags | frame data.
  const first = buf[payloadStart] ?? 0;
  let trackLen = 1;
  while (trackLen <= 8 && !(first & (0x80 >> (trackLen - 1)))) trackLen++;
  const timePos = payloadStart + trackLen;
  if (timePos + 3 > payloadEnd) return null;
  const relative = buf.readInt16BE(timePos);
  const flags = buf[timePos + 2]!;
  const laced = (flags & 0x06) !== 0;
  const frameDur = laced ? null : opusPacketDurationMs(buf.subarray(timePos + 3, payloadEnd));
  return {
    raw: buf.subarray(c.start, end),
    timeMs: (clusterTime + relative) * msPerTick,
    durationMs: durationTicks !== null ? durationTicks * msPerTick : frameDur,
  };
}

function endTimeMs(clusters: readonly Cluster[]): number {
  const all = clusters.flatMap((c) => c.blocks);
  const last = all.at(-1);
  if (!last) return 0;
  const prev = all.at(-2);
  const fallback = prev ? Math.max(0, last.timeMs - prev.timeMs) : 20;
  return last.timeMs + (last.durationMs ?? fallback);
}

function writeWebm(ebml: Buffer, infoChildren: Buffer[], durationTicks: number, tracks: Buffer, clusters: Cluster[], timecodeScale: number): Buffer {
  const info = element(Id.Info, ...infoChildren, floatElement(Id.Duration, durationTicks));
  const clusterBufs = clusters.map((c) => element(Id.Cluster, uintElement(Id.Timecode, c.timecode), ...c.blocks.map((b) => b.raw)));
  // SeekHead entries use fixed-width positions so its size is known before the positions are.
  const seekEntry = (id: number, position: number) => element(Id.Seek, element(Id.SeekID, idPayload(id)), uintElement(Id.SeekPosition, position, 6));
  const seekSize = element(Id.SeekHead, seekEntry(Id.Info, 0), seekEntry(Id.Tracks, 0), seekEntry(Id.Cues, 0)).length;
  const infoPos = seekSize;
  const tracksPos = infoPos + info.length;
  let clusterPos = tracksPos + tracks.length;
  const cuePoints: Buffer[] = [];
  const msPerTick = timecodeScale / 1_000_000;
  clusters.forEach((c, i) => {
    const cueTime = c.blocks[0] ? Math.max(0, Math.round(c.blocks[0].timeMs / msPerTick)) : c.timecode;
    cuePoints.push(
      element(
        Id.CuePoint,
        uintElement(Id.CueTime, cueTime),
        element(Id.CueTrackPositions, uintElement(Id.CueTrack, 1), uintElement(Id.CueClusterPosition, clusterPos, 6)),
      ),
    );
    clusterPos += clusterBufs[i]!.length;
  });
  const cues = element(Id.Cues, ...cuePoints);
  const seekHead = element(Id.SeekHead, seekEntry(Id.Info, infoPos), seekEntry(Id.Tracks, tracksPos), seekEntry(Id.Cues, clusterPos));
  const segment = element(Id.Segment, seekHead, info, tracks, ...clusterBufs, cues);
  return Buffer.concat([ebml, segment]);
}
