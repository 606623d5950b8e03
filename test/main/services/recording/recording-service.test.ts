import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleBasedPolicy } from '../../../../main/services/recording/access-policy';
import { buildServices, decodedSeconds, failingFs, liveWebm, probe, splitChunks, tempDataDir } from './support';

const SECONDS = 5;
const source = liveWebm(SECONDS);
// ≈ 1 s per chunk at 48 kbit/s, like MediaRecorder with timeslice 1000.
const chunks = splitChunks(source, 6000);

async function openSession(s: Awaited<ReturnType<typeof buildServices>>) {
  const { sessionId } = await s.sessions.open({ caseId: 'P2026-0001', agentId: '1001', scriptId: 'xq-standard', scriptVersion: '3', contractEndDate: null });
  return sessionId;
}

describe('RecordingService: crash-safe encrypted stereo recordings', () => {
  it('stores chunks encrypted, finalises a WebM with its duration and a manifest with SHA-256 of every part', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await openSession(s);
    await s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    for (const [seq, c] of chunks.entries()) expect(await s.recording.appendChunk(id, seq, c)).toEqual({ stored: true });
    const part = readFileSync(path.join(dataDir, 'sessions', id, 'audio.part'));
    expect(part.includes(source.subarray(0, 64))).toBe(false);
    const manifest = await s.recording.stop(id);
    expect(manifest.parts.map((p) => p.name)).toEqual(['audio.webm.enc', 'audio.webm']);
    expect(manifest.chunkSha256).toHaveLength(chunks.length);
    expect(manifest.recovered).toBe(false);
    expect(existsSync(path.join(dataDir, 'sessions', id, 'audio.part'))).toBe(false);
    const { bytes } = await s.recording.decrypt(id);
    expect(probe(bytes)).toMatchObject({ channels: 2, codec: 'opus' });
    expect(probe(bytes).duration).toBeCloseTo(SECONDS, 1);
    expect(s.events.filter((e) => e.name === 'recording:status').map((e) => (e.payload as { state: string }).state)).toEqual(['recording', 'finalised']);
  });

  it('keeps the waveform the recorder sends with stop in the manifest, on disk too (QA draws it without decoding)', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await openSession(s);
    await s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(id, seq, c);
    const peaks = { bucketMs: 250, agent: 'gICA', customer: 'QEBA' };
    expect((await s.recording.stop(id, peaks)).peaks).toEqual(peaks);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'sessions', id, 'manifest.json'), 'utf8')).peaks).toEqual(peaks);
  });

  it('after a crash (no stop), a new service instance finalises the partial recording as recovered, losing nothing stored', async () => {
    const dataDir = tempDataDir();
    const first = await buildServices({ dataDir });
    const id = await openSession(first);
    await first.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    const kept = chunks.length - 1; // the last chunk was still in the renderer when the host died
    for (let seq = 0; seq < kept; seq++) await first.recording.appendChunk(id, seq, chunks[seq]!);
    // "Crash": drop `first` without stop(). Restart with the same key.
    const second = await buildServices({ dataDir, key: first.key });
    const session = await second.sessions.get(id);
    expect(session.recording.state).toBe('finalised');
    expect(session.recording.recovered).toBe(true);
    expect(session.recording.manifest?.chunksReceived).toBe(kept);
    expect(session.recording.gaps.at(-1)?.reason).toMatch(/异常退出/);
    const { bytes } = await second.recording.decrypt(id);
    const full = SECONDS;
    const lastChunkSeconds = (chunks.at(-1)!.length / source.length) * full;
    // ≤ 1 chunk (≤ 1 s) lost: what was stored is all there.
    expect(decodedSeconds(bytes)).toBeGreaterThan(full - lastChunkSeconds - 1);
    expect(probe(bytes).duration).toBeGreaterThan(full - 1.2);
  });

  it('a recording torn mid-frame by a power cut is recovered up to the last whole chunk', async () => {
    const dataDir = tempDataDir();
    const first = await buildServices({ dataDir });
    const id = await openSession(first);
    await first.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    for (let seq = 0; seq < 3; seq++) await first.recording.appendChunk(id, seq, chunks[seq]!);
    const part = path.join(dataDir, 'sessions', id, 'audio.part');
    const { appendFileSync } = await import('node:fs');
    appendFileSync(part, Buffer.from([0, 0, 0x20, 0, 1, 2, 3])); // half a frame header + body
    const second = await buildServices({ dataDir, key: first.key });
    const manifest = (await second.sessions.get(id)).recording.manifest!;
    expect(manifest.chunksReceived).toBe(3);
    expect(manifest.gaps.at(-1)?.reason).toMatch(/未写完整/);
  });

  it('disk full mid-call: status "failed" at once with a Chinese reason, a gap is recorded, no new call may start', async () => {
    const dataDir = tempDataDir();
    let clock = 1_000_000;
    const { fs, failing } = failingFs('ENOSPC');
    const s = await buildServices({ dataDir, fs, now: () => clock });
    const id = await openSession(s);
    await s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    expect(await s.recording.canStartCall()).toEqual({ allowed: true, reason: null });
    await s.recording.appendChunk(id, 0, chunks[0]!);
    clock += 1000;
    await s.recording.appendChunk(id, 1, chunks[1]!);
    failing.on = true;
    clock += 1000;
    expect(await s.recording.appendChunk(id, 2, chunks[2]!)).toEqual({ stored: false });
    const status = s.events.filter((e) => e.name === 'recording:status').at(-1)!.payload as { state: string; reason: string };
    expect(status.state).toBe('failed');
    expect(status.reason).toMatch(/磁盘空间不足/);
    const gate = await s.recording.canStartCall();
    expect(gate.allowed).toBe(false);
    expect(gate.reason).toMatch(/磁盘空间不足/);
    const live = await s.recording.info(id);
    expect(live.gaps).toEqual([{ startedAt: 1_001_000, endedAt: null, reason: expect.stringMatching(/磁盘空间不足/) }]);
    // Space comes back: the next chunk is stored, the gap closes, recording resumes.
    failing.on = false;
    clock += 1000;
    expect(await s.recording.appendChunk(id, 3, chunks[3]!)).toEqual({ stored: true });
    expect((await s.recording.info(id)).gaps[0]!.endedAt).toBe(1_003_000);
    expect(await s.recording.canStartCall()).toEqual({ allowed: true, reason: null });
    for (let seq = 4; seq < chunks.length; seq++) await s.recording.appendChunk(id, seq, chunks[seq]!);
    const manifest = await s.recording.stop(id);
    expect(manifest.gaps).toHaveLength(1);
    // The half-written frame was cut off: the stored chunks are all readable and the file plays.
    expect(manifest.chunksReceived).toBe(chunks.length - 1);
    const { bytes } = await s.recording.decrypt(id);
    expect(decodedSeconds(bytes)).toBeGreaterThan(SECONDS - 2.5);
    const closed = await s.sessions.close({ sessionId: id, answers: {}, outcome: 'standard', outcomeNote: null });
    expect(closed.recording.gaps).toHaveLength(1);
  });

  it('no permission to write at start: start fails readably and canStartCall is false', async () => {
    const dataDir = tempDataDir();
    const { fs, failing } = failingFs('EACCES');
    const s = await buildServices({ dataDir, fs });
    const id = await openSession(s);
    failing.on = true;
    await expect(s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 })).rejects.toThrow(/没有写入录音目录的权限/);
    expect((await s.recording.canStartCall()).allowed).toBe(false);
    expect((await s.recording.info(id)).state).toBe('failed');
  });

  it('chunks arriving after a lost one are kept and the loss is recorded as a gap', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await openSession(s);
    await s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    await s.recording.appendChunk(id, 0, chunks[0]!);
    await s.recording.appendChunk(id, 2, chunks[2]!);
    expect(await s.recording.appendChunk(id, 2, chunks[2]!)).toEqual({ stored: false }); // duplicate ignored
    const manifest = await s.recording.stop(id);
    expect(manifest.gaps.map((g) => g.reason)).toEqual(['丢失 1 个录音分片']);
  });
});

describe('playback: authorised users only, every access logged (docs/domain.md §9)', () => {
  async function recorded(policy?: Parameters<typeof buildServices>[0]['policy']) {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir, policy });
    const id = await openSession(s);
    await s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(id, seq, c);
    await s.recording.stop(id);
    return { s, id, dataDir };
  }
  const identities: Record<string, { userId: string; role: string }> = {
    'web-1': { userId: '2001', role: 'qa' },
    'web-2': { userId: '1001', role: 'agent' },
  };
  const policy = roleBasedPolicy((caller) => identities[caller.callerId] ?? null);

  it('by default (no policy installed) nobody may play back', async () => {
    const { s, id } = await recorded();
    const result = await s.router.dispatch('playback:open', { sessionId: id }, { host: 'web', callerId: 'web-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'domain_error' } });
  });

  it('an agent is denied, QA gets the decrypted WebM; both accesses are in the hash-chained log', async () => {
    const { s, id, dataDir } = await recorded(policy);
    const denied = await s.router.dispatch('playback:open', { sessionId: id }, { host: 'web', callerId: 'web-2' });
    expect(denied).toMatchObject({ ok: false, error: { message: expect.stringMatching(/无权调听录音/) } });
    const opened = await s.router.dispatch('playback:open', { sessionId: id }, { host: 'web', callerId: 'web-1' });
    expect(opened.ok).toBe(true);
    const { handle, totalBytes } = (opened as { value: { handle: string; totalBytes: number } }).value;
    const read = await s.router.dispatch('playback:read', { handle, offset: 0, length: totalBytes }, { host: 'web', callerId: 'web-1' });
    const value = (read as { value: { data: string } }).value;
    expect(Buffer.from(value.data, 'base64').equals((await s.recording.decrypt(id)).bytes)).toBe(true);
    const log = await s.accessLog.read();
    expect(log.map((e) => [e.who, e.action, e.allowed])).toEqual([
      ['1001', 'playback', false],
      ['2001', 'playback', true],
    ]);
    expect(readdirSync(dataDir)).toContain('recording-access.log');
  });

  it('an edited access log is detected', async () => {
    const { s, id, dataDir } = await recorded(policy);
    await s.router.dispatch('playback:open', { sessionId: id }, { host: 'web', callerId: 'web-1' });
    await s.router.dispatch('playback:open', { sessionId: id }, { host: 'web', callerId: 'web-2' });
    const file = path.join(dataDir, 'recording-access.log');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"who":"2001"', '"who":"9999"'));
    await expect(s.accessLog.read()).rejects.toThrow(/校验链断裂/);
  });

  it('a recording altered on disk is refused at playback', async () => {
    const { s, id, dataDir } = await recorded(policy);
    const file = path.join(dataDir, 'sessions', id, 'audio.webm.enc');
    const bytes = readFileSync(file);
    bytes[bytes.length - 3]! ^= 1;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, bytes);
    const opened = await s.router.dispatch('playback:open', { sessionId: id }, { host: 'web', callerId: 'web-1' });
    const { handle, totalBytes } = (opened as { value: { handle: string; totalBytes: number } }).value;
    const result = await s.router.dispatch('playback:read', { handle, offset: 0, length: totalBytes }, { host: 'web', callerId: 'web-1' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/篡改/) } });
  });
});
