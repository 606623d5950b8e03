import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTAINER_FRAME_BYTES } from '../../../../main/services/recording/encrypted-container';
import { nodeRecordingFs, type RecordingFs } from '../../../../main/services/recording/recording-fs';
import { buildServices, decodedSeconds, liveWebm, splitChunks, tempDataDir } from './support';

const SECONDS = 30;
const source = liveWebm(SECONDS);
const CHUNK = 6000;
const chunks = splitChunks(source, CHUNK);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** node:fs, recording the largest single read and write and failing container writes on demand. */
function watchedFs() {
  const real = nodeRecordingFs();
  const seen = { largestRead: 0, largestWrite: 0, diskFullAfter: Infinity };
  const fs: RecordingFs = {
    ...real,
    async readFile(file) {
      const bytes = await real.readFile(file);
      seen.largestRead = Math.max(seen.largestRead, bytes.length);
      return bytes;
    },
    async openRead(file) {
      const f = await real.openRead(file);
      return {
        size: f.size,
        close: () => f.close(),
        async read(position, length) {
          seen.largestRead = Math.max(seen.largestRead, length);
          return f.read(position, length);
        },
      };
    },
    async writeAtomic(file, bytes) {
      seen.largestWrite = Math.max(seen.largestWrite, bytes.length);
      return real.writeAtomic(file, bytes);
    },
    async createAtomic(file) {
      const out = await real.createAtomic(file);
      let written = 0;
      return {
        ...out,
        async write(bytes) {
          seen.largestWrite = Math.max(seen.largestWrite, bytes.length);
          if (written + bytes.length > seen.diskFullAfter) {
            // Like a real full disk: part of the piece reaches the file before the error.
            await out.write(bytes.subarray(0, 10));
            throw Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' });
          }
          written += bytes.length;
          return out.write(bytes);
        },
      };
    },
  };
  return { fs, seen };
}

async function record(fs: RecordingFs, dataDir = tempDataDir()) {
  const s = await buildServices({ dataDir, fs });
  const { sessionId } = await s.sessions.open({ caseId: 'P2026-0001', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: null });
  await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
  for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(sessionId, seq, c);
  return { s, id: sessionId, dir: path.join(dataDir, 'sessions', sessionId), dataDir };
}

describe('finalisation streams: files stream, nothing holds a whole recording in memory (README "Personal data at the desk")', () => {
  it('reads the part file one chunk at a time and writes the container one frame at a time; the manifest hashes are those of the files', async () => {
    const { fs, seen } = watchedFs();
    const { s, id, dir } = await record(fs);
    const manifest = await s.recording.stop(id);
    const sealed = readFileSync(path.join(dir, 'audio.webm.enc'));
    expect(sealed.length).toBeGreaterThan(4 * CONTAINER_FRAME_BYTES);
    // One sealed frame is the frame plus its 4-byte length, nonce and tag; a part frame is one chunk plus 36 bytes.
    expect(seen.largestWrite).toBeLessThanOrEqual(CONTAINER_FRAME_BYTES + 4 + 28);
    expect(seen.largestRead).toBeLessThanOrEqual(CHUNK + 36);
    const [enc, webm] = manifest.parts;
    expect(enc).toEqual({ name: 'audio.webm.enc', bytes: sealed.length, sha256: sha256(sealed) });
    const { bytes } = await s.recording.decrypt(id);
    expect(webm).toEqual({ name: 'audio.webm', bytes: bytes.length, sha256: sha256(bytes) });
    expect(manifest.chunkSha256).toEqual(chunks.map(sha256));
    expect(Math.abs(decodedSeconds(bytes) - SECONDS)).toBeLessThan(0.1);
    expect(manifest.durationMs / 1000).toBeCloseTo(SECONDS, 1);
  });

  it('disk full while sealing: no container appears, no temp file is left, the part file stays and is finalised once space returns', async () => {
    const { fs, seen } = watchedFs();
    const { s, id, dir, dataDir } = await record(fs);
    seen.diskFullAfter = 3 * CONTAINER_FRAME_BYTES;
    await expect(s.recording.stop(id)).rejects.toThrow(/磁盘空间不足/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp') || f.startsWith('audio.webm'))).toEqual([]);
    expect(existsSync(path.join(dir, 'audio.part'))).toBe(true);
    // Space is back; the next start finalises what was stored, marked as recovered.
    const again = await buildServices({ dataDir, key: s.key });
    const session = await again.sessions.get(id);
    expect(session.recording.state).toBe('finalised');
    expect(session.recording.manifest?.chunksReceived).toBe(chunks.length);
    const { bytes } = await again.recording.decrypt(id);
    expect(Math.abs(decodedSeconds(bytes) - SECONDS)).toBeLessThan(0.1);
  });
});
