import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../../main/services/create-services';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import { liveWebm, splitChunks } from '../recording/support';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The host's `archive:upload` reaches the embedded centre's archive with the signed-in agent's session
 * (docs/domain.md §9, §11), and yields to a live call.
 */
describe('archive:upload through the host (embedded demo centre)', () => {
  let services: MainServices;
  let dataDir: string;
  const caller = { host: 'web', callerId: 'web-1' } as const;
  const call = async (channel: string, payload: unknown) => {
    const r = await services.router.dispatch(channel as never, payload as never, caller);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as never;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hf-archive-wiring-'));
    services = await createMainServices({
      host: 'web',
      version: '0.0.0-test',
      platform: 'linux',
      dataDir,
      secrets: nodeSecretProtector(Buffer.alloc(32, 5)),
      displayKeeper: { keepAwake: () => () => undefined },
      emit: () => undefined,
    });
  }, 60_000);
  afterAll(() => services.dispose());

  it('skips while signed out and while a call is up, then archives the agent’s closed session once', async () => {
    expect(await call('archive:upload', { sessionId: 'not-signed-in', callUp: false })).toMatchObject({ kind: 'skipped' });
    expect(await call('center:signIn', { staffNo: '1001', password: 'demo1234' })).toMatchObject({ kind: 'signed_in' });
    const { sessionId } = (await call('session:open', { caseId: 'P2026-0001' })) as { sessionId: string };
    await call('recording:start', { sessionId });
    for (const [seq, c] of splitChunks(liveWebm(3), 6000).entries()) await call('recording:chunk', { sessionId, seq, data: c.toString('base64') });
    await call('recording:stop', { sessionId });
    await call('session:close', { sessionId, outcome: 'standard' });

    expect(await call('archive:upload', { sessionId, callUp: true })).toMatchObject({ kind: 'skipped' });
    expect(await call('archive:unarchived', {})).toEqual([{ sessionId, bytes: expect.any(Number), endedAt: expect.any(Number) }]);
    expect(await call('archive:upload', { sessionId, callUp: false })).toEqual({ kind: 'archived' });
    expect(await call('archive:upload', { sessionId, callUp: false })).toEqual({ kind: 'archived' });
    expect(await call('archive:unarchived', {})).toEqual([]);
    const container = readFileSync(path.join(dataDir, 'sessions', sessionId, 'audio.webm.enc'));
    const sha = sha256(container);
    const stored = readFileSync(path.join(dataDir, 'center', 'archive', 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(stored.equals(container)).toBe(true);
  }, 60_000);

  it('archive:list/fetch/audit through the host: payloads validated, an agent may not play their call without failed QA items, QA lists from the centre and a session here is not fetched again', async () => {
    const bad = await services.router.dispatch('archive:fetch' as never, { sessionId: 'bad!id' } as never, caller);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid_payload');
    const badList = await services.router.dispatch('archive:list' as never, { result: 'great' } as never, caller);
    expect(!badList.ok && badList.error.code).toBe('invalid_payload');
    const [own] = ((await call('archive:list', {})) as { items: { sessionId: string }[] }).items;
    // The agent's own call is here already (nothing to fetch); playing it needs failed QA items on it.
    expect(await call('archive:fetch', { sessionId: own!.sessionId })).toEqual({ kind: 'ok', source: 'local', bytes: 0 });
    const play = await services.router.dispatch('playback:open', { sessionId: own!.sessionId }, caller);
    expect(!play.ok && play.error.message).toContain('坐席只能调听质检判有不合格项的本人通话');

    await call('center:signOut', {});
    expect(await call('center:signIn', { staffNo: '3001', password: 'demo1234' })).toMatchObject({ kind: 'signed_in' });
    const listed = (await call('archive:list', { recording: 'gaps' })) as { kind: string; items: unknown[] };
    expect(listed).toEqual({ kind: 'ok', items: [] });
    expect(((await call('archive:list', {})) as { items: { sessionId: string }[] }).items.map((r) => r.sessionId)).toContain(own!.sessionId);
    expect(await call('archive:fetch', { sessionId: own!.sessionId })).toEqual({ kind: 'ok', source: 'local', bytes: 0 });
    expect(await call('archive:audit', { sessionId: own!.sessionId, action: 'seek', positionMs: 1200 })).toEqual({ sent: true, waiting: 0 });
  }, 60_000);
});
