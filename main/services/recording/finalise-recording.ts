import { createHash } from 'node:crypto';
import type { RecordingGap, RecordingManifest } from '../../../shared/ipc/channels/recording';
import { sealContainer } from './encrypted-container';
import { readPartFile } from './part-file';
import type { RecordingFs } from './recording-fs';
import { sessionPaths } from './session-paths';
import { remuxWebm, type WebmPiece } from './webm-remux';

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
 */
export async function finaliseRecording(args: {
  fs: RecordingFs;
  key: Buffer;
  dataDir: string;
  meta: RecordingMeta;
  recovered: boolean;
  now: number;
}): Promise<RecordingManifest> {
  const { fs, key, dataDir, meta, recovered, now } = args;
  const paths = sessionPaths(dataDir, meta.sessionId);
  const bytes = (await fs.exists(paths.part)) ? await fs.readFile(paths.part) : Buffer.alloc(0);
  const { chunks, droppedTailBytes } = readPartFile(key, meta.sessionId, bytes, recovered);
  const gaps = meta.gaps.map((g) => (g.endedAt === null ? { ...g, endedAt: chunks.at(-1)?.receivedAt ?? now } : g));
  if (recovered) {
    // The program died mid-call: what came after the last stored chunk is unknown.
    const torn = droppedTailBytes > 0 ? '，最后一个录音分片未写完整' : '';
    gaps.push({ startedAt: chunks.at(-1)?.receivedAt ?? meta.startedAt, endedAt: null, reason: `程序异常退出，录音在此中断${torn}` });
  }
  const pieces: WebmPiece[] = chunks.map((c, i) => ({ data: c.data, afterLoss: i > 0 && c.seq !== chunks[i - 1]!.seq + 1 }));
  const parts: RecordingManifest['parts'] = [];
  let durationMs = 0;
  if (chunks.length > 0) {
    const { webm, durationMs: d } = remuxWebm(pieces);
    durationMs = d;
    const sealed = sealContainer(key, meta.sessionId, webm);
    await fs.writeAtomic(paths.container, sealed);
    parts.push({ name: 'audio.webm.enc', bytes: sealed.length, sha256: sha256(sealed) });
    parts.push({ name: 'audio.webm', bytes: webm.length, sha256: sha256(webm) });
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
    chunkSha256: chunks.map((c) => sha256(c.data)),
    gaps,
  };
  await fs.writeAtomic(paths.manifest, Buffer.from(JSON.stringify(manifest, null, 1)));
  if (await fs.exists(paths.part)) await fs.unlink(paths.part);
  return manifest;
}

/** Hex SHA-256. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
