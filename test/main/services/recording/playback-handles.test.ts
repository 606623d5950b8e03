import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallerContext } from '../../../../main/ipc/ipc-router';
import { roleBasedPolicy } from '../../../../main/services/recording/access-policy';
import { CONTAINER_FRAME_BYTES } from '../../../../main/services/recording/encrypted-container';
import { PlaybackHandles } from '../../../../main/services/recording/playback-handles';
import { buildServices, liveWebm, splitChunks, tempDataDir } from './support';

// Long enough for several 64 KiB container frames (≈ 6 kB/s at 48 kbit/s).
const chunks = splitChunks(liveWebm(40), 6000);
const QA: CallerContext = { host: 'web', callerId: 'web-1' };
const QA2: CallerContext = { host: 'web', callerId: 'web-3' };
const AGENT: CallerContext = { host: 'web', callerId: 'web-2' };
const identities: Record<string, { userId: string; role: string }> = {
  'web-1': { userId: '3001', role: 'qa' },
  'web-2': { userId: '1001', role: 'agent' },
  'web-3': { userId: '3002', role: 'qa' },
};
const policy = roleBasedPolicy((caller) => identities[caller.callerId] ?? null);

async function recorded() {
  const dataDir = tempDataDir();
  const s = await buildServices({ dataDir, policy });
  const { sessionId } = await s.sessions.open({ caseId: 'P2026-0001', agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
  await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
  for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(sessionId, seq, c);
  await s.recording.stop(sessionId);
  const open = async (caller: CallerContext = QA) => {
    const r = await s.router.dispatch('playback:open', { sessionId }, caller);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { handle: string; totalBytes: number; mimeType: string; durationMs: number };
  };
  const read = (handle: string, offset: number, length: number, caller: CallerContext = QA) =>
    s.router.dispatch('playback:read', { handle, offset, length }, caller) as Promise<
      { ok: true; value: { data: string; integrity: string } } | { ok: false; error: { message: string } }
    >;
  const bytes = async (handle: string, offset: number, length: number) => {
    const r = await read(handle, offset, length);
    if (!r.ok) throw new Error(r.error.message);
    return Buffer.from(r.value.data, 'base64');
  };
  return { s, sessionId, dataDir, open, read, bytes, container: path.join(dataDir, 'sessions', sessionId, 'audio.webm.enc') };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('Playback handles: a recording opened once, served range by range (README "Evidence archive")', () => {
  it('any range, inside one frame or across frames, is exactly that range of the recording; the whole-file check ends verified', async () => {
    const { s, sessionId, open, read, bytes } = await recorded();
    const whole = (await s.recording.decrypt(sessionId)).bytes;
    expect(whole.length).toBeGreaterThan(3 * CONTAINER_FRAME_BYTES);
    const h = await open();
    expect(h).toMatchObject({ totalBytes: whole.length, mimeType: 'audio/webm;codecs=opus' });
    for (const [offset, length] of [
      [0, 1],
      [0, 64 * 1024],
      [CONTAINER_FRAME_BYTES - 10, 20],
      [CONTAINER_FRAME_BYTES * 2 - 5, CONTAINER_FRAME_BYTES + 10],
      [whole.length - 7, 100],
    ] as const) {
      expect((await bytes(h.handle, offset, length)).equals(whole.subarray(offset, offset + length))).toBe(true);
    }
    expect((await bytes(h.handle, whole.length, 10)).length).toBe(0);
    await until(async () => {
      const r = await read(h.handle, 0, 1);
      return r.ok && r.value.integrity === 'verified';
    });
    expect(await read(h.handle, 0, 1)).toMatchObject({ ok: true, value: { integrity: 'verified' } });
  });

  it('a tampered frame fails its range with a clear error, and every later read of that handle (docs/domain.md §9: evidence unaltered)', async () => {
    const { open, read, container } = await recorded();
    const sealed = readFileSync(container);
    sealed[8 + CONTAINER_FRAME_BYTES + 28 + 4 + 500]! ^= 1; // inside frame 1's ciphertext
    writeFileSync(container, sealed);
    const h = await open();
    expect(await read(h.handle, CONTAINER_FRAME_BYTES + 100, 10)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/篡改（第 1 帧）/) } });
    expect(await read(h.handle, 0, 10)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/篡改/) } });
  });

  it('a container that does not match its manifest is marked failed by the background check and stops playing', async () => {
    const { open, read, dataDir, sessionId } = await recorded();
    const manifestFile = path.join(dataDir, 'sessions', sessionId, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { parts: { name: string; sha256: string }[] };
    manifest.parts.find((p) => p.name === 'audio.webm')!.sha256 = '0'.repeat(64);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const h = await open();
    await until(async () => !(await read(h.handle, 0, 1)).ok);
    expect(await read(h.handle, 0, 1)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/录音内容与清单不符/) } });
  });

  it('every open is logged; an agent is refused and logged; a handle serves only the window that opened it', async () => {
    const { s, open, read } = await recorded();
    expect(await s.router.dispatch('playback:open', { sessionId: (await s.sessions.listFor({ limit: 1 }, QA))[0]!.id }, AGENT)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/无权调听录音/) },
    });
    const h = await open();
    expect(await read(h.handle, 0, 10, QA2)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已关闭/) } });
    expect(await s.router.dispatch('playback:close', { handle: h.handle }, QA)).toEqual({ ok: true, value: { closed: true } });
    const log = await s.accessLog.read();
    expect(log.filter((e) => e.action === 'playback').map((e) => [e.who, e.allowed, e.detail?.split(':')[0]])).toEqual([
      ['1001', false, '当前角色（agent）无权调听录音，坐席只能调听质检判有不合格项的本人通话。'],
      ['3001', true, 'open'],
      ['3001', true, 'close (closed)'],
    ]);
  });

  it('bad requests get a clear error: a handle that is not one, a range longer than a slice', async () => {
    const { s } = await recorded();
    expect(await s.router.dispatch('playback:read', { handle: 'x', offset: 0, length: 1 }, QA)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/handle/) },
    });
    expect(await s.router.dispatch('playback:read', { handle: crypto.randomUUID(), offset: 0, length: 5 * 1024 * 1024 }, QA)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/length/) },
    });
  });

  it('a window holds at most four handles (the oldest closes), and its handles close when it goes away', async () => {
    const { s, open, read } = await recorded();
    const handles: string[] = [];
    for (let i = 0; i < 5; i++) handles.push((await open()).handle);
    expect(await read(handles[0]!, 0, 1)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/已关闭/) } });
    for (const h of handles.slice(1)) expect((await read(h, 0, 1)).ok).toBe(true);
    const other = (await open(QA2)).handle;
    s.router.callerGone('web-1');
    await until(async () => !(await read(handles[4]!, 0, 1)).ok);
    for (const h of handles) expect((await read(h, 0, 1)).ok).toBe(false);
    expect((await read(other, 0, 1, QA2)).ok).toBe(true);
  });

  it('a handle left unread past its idle time is closed and logged; past the total bound an open is refused', async () => {
    const { s, sessionId } = await recorded();
    const handles = new PlaybackHandles({ policy, accessLog: s.accessLog, load: (id) => s.recording.playable(id), idleMs: 1000, total: 2 });
    const a = await handles.openFor(sessionId, QA);
    await handles.openFor(sessionId, QA2);
    await expect(handles.openFor(sessionId, QA)).rejects.toThrow(/同时打开的录音过多/);
    await new Promise((r) => setTimeout(r, 1600));
    expect(handles.count()).toBe(0);
    await expect(handles.read(a.handle, QA, 0, 1)).rejects.toThrow(/空闲超时/);
    expect((await s.accessLog.read()).filter((e) => e.detail?.startsWith('close (idle)'))).toHaveLength(2);
  });
});
