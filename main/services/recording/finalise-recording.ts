import { createHash } from 'node:crypto';
import type { RecordingGap, RecordingManifest, RecordingPeaks } from '../../../shared/ipc/channels/recording';
import { ContainerSealer } from './encrypted-container';
import { indexPartFile, readPartChunk, type PartIndexEntry } from './part-file';
import type { RandomAccessFile, RecordingFs } from './recording-fs';
import { sessionPaths } from './session-paths';
import { remuxWebmStream, type WebmSource } from './webm-remux';

/** Metadata written at start in `recording.json`. */
export interface RecordingMeta {
  readonly sessionId: string;
  readonly startedAt: number;
  readonly mimeType: string;
  readonly audioBitsPerSecond: number;
  readonly gaps: RecordingGap[];
}

/**
 * Turns `audio.part` into the finalised recording: decrypts and checks every frame, remuxes the
 * WebM (real duration, clean structure), encrypts it as a container, writes the manifest with the
 * SHA-256 of every part, then removes the part file. Each step is atomic, so a crash in the middle
 * leaves either the part file (finalised again at next start) or the finished recording.
 * Everything streams: chunks are read from the part file one at a time (once to check and hash
 * them, twice for the remux) and the container is sealed and hashed a frame at a time.
 */
export async function finaliseRecording(args: {
  fs: RecordingFs;
  key: Buffer;
  dataDir: string;
  meta: RecordingMeta;
  recovered: boolean;
  now: number;
  peaks?: RecordingPeaks;
}): Promise<RecordingManifest> {
  const { fs, key, dataDir, meta, recovered, now, peaks } = args;
  const paths = sessionPaths(dataDir, meta.sessionId);
  const file = (await fs.exists(paths.part)) ? await fs.openRead(paths.part) : null;
  const parts: RecordingManifest['parts'] = [];
  let durationMs = 0;
  let chunks: PartIndexEntry[];
  let droppedTailBytes: number;
  try {
    ({ entries: chunks, droppedTailBytes } = file ? await indexPartFile(file, key, meta.sessionId, recovered) : { entries: [], droppedTailBytes: 0 });
    if (file && chunks.length > 0) {
      const sealed = await sealRemuxed(fs, paths.container, key, meta.sessionId, webmSource(file, key, meta.sessionId, chunks));
      durationMs = sealed.durationMs;
      parts.push({ name: 'audio.webm.enc', bytes: sealed.sealedBytes, sha256: sealed.sealedSha256 });
      parts.push({ name: 'audio.webm', bytes: sealed.webmBytes, sha256: sealed.webmSha256 });
    }
  } finally {
    await file?.close();
  }
  const gaps = meta.gaps.map((g) => (g.endedAt === null ? { ...g, endedAt: chunks.at(-1)?.receivedAt ?? now } : g));
  if (recovered) {
    // The program died mid-call: what came after the last stored chunk is unknown.
    const torn = droppedTailBytes > 0 ? '，最后一个录音分片未写完整' : '';
    gaps.push({ startedAt: chunks.at(-1)?.receivedAt ?? meta.startedAt, endedAt: null, reason: `程序异常退出，录音在此中断${torn}` });
  }
  const manifest: RecordingManifest = {
    version: 1,
    sessionId: meta.sessionId,
    mimeType: 'audio/webm;codecs=opus',
    channels: { left: 'agent', right: 'customer' },
    startedAt: meta.startedAt,
    finalisedAt: now,
    durationMs,
    recovered,
    chunksReceived: chunks.length,
    parts,
    chunkSha256: chunks.map((c) => c.sha256),
    gaps,
    ...(peaks && { peaks }),
  };
  await fs.writeAtomic(paths.manifest, Buffer.from(JSON.stringify(manifest, null, 1)));
  if (await fs.exists(paths.part)) await fs.unlink(paths.part);
  return manifest;
}

/** The chunks as one WebM stream; a chunk after a lost one (seq gap) starts after a break. */
function webmSource(file: RandomAccessFile, key: Buffer, sessionId: string, chunks: readonly PartIndexEntry[]): WebmSource {
  const breaks: number[] = [];
  let offset = 0;
  chunks.forEach((c, i) => {
    if (i > 0 && c.seq !== chunks[i - 1]!.seq + 1) breaks.push(offset);
    offset += c.dataBytes;
  });
  return {
    totalBytes: offset,
    breaks,
    async *read() {
      for (const c of chunks) yield await readPartChunk(file, key, sessionId, c);
    },
  };
}

/** Remuxes into a container written through a temp file, hashing plaintext and container as they pass. */
async function sealRemuxed(fs: RecordingFs, target: string, key: Buffer, sessionId: string, source: WebmSource) {
  const out = await fs.createAtomic(target);
  const sealer = new ContainerSealer(key, sessionId);
  const webmHash = createHash('sha256');
  const sealedHash = createHash('sha256');
  let sealedBytes = 0;
  const put = async (pieces: Buffer[]) => {
    for (const piece of pieces) {
      sealedHash.update(piece);
      sealedBytes += piece.length;
      await out.write(piece);
    }
  };
  try {
    const summary = await remuxWebmStream(source, async (bytes) => {
      webmHash.update(bytes);
      await put(sealer.push(bytes));
    });
    await put(sealer.finish());
    await out.commit();
    return { ...summary, sealedBytes, sealedSha256: sealedHash.digest('hex'), webmSha256: webmHash.digest('hex') };
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** Hex SHA-256. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
