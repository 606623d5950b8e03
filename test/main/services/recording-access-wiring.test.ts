import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../main/services/create-services';
import { nodeSecretProtector } from '../../../main/services/node-secret-protector';

/**
 * docs/domain.md §9: only supervisor level and above may listen to recordings. The host wires the
 * recording service's policy to whoever is signed in through the centre link (embedded demo centre).
 */
describe('recording access follows the signed-in role (docs/domain.md §9)', () => {
  let services: MainServices;
  const caller = { host: 'web', callerId: 'web-1' } as const;
  const sessionId = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    services = await createMainServices({
      host: 'web',
      version: '0.0.0-test',
      platform: 'linux',
      dataDir: mkdtempSync(path.join(tmpdir(), 'hf-access-')),
      secrets: nodeSecretProtector(Buffer.alloc(32, 3)),
      displayKeeper: { keepAwake: () => () => undefined },
      emit: () => undefined,
    });
  }, 60_000);
  afterAll(() => services.dispose());

  const playback = () => services.router.dispatch('playback:open', { sessionId }, caller);

  it('denies playback when nobody is signed in', async () => {
    const r = await playback();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('未登录');
  });

  it('denies an agent and lets QA through to the recording lookup', async () => {
    const agent = await services.router.dispatch('center:signIn', { staffNo: '1001', password: 'demo1234' }, caller);
    expect(agent).toMatchObject({ ok: true, value: { kind: 'signed_in' } });
    const denied = await playback();
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.message).toContain('无权调听录音');

    await services.router.dispatch('center:signOut', {}, caller);
    const qa = await services.router.dispatch('center:signIn', { staffNo: '3001', password: 'demo1234' }, caller);
    expect(qa).toMatchObject({ ok: true, value: { kind: 'signed_in', user: { role: 'qa' } } });
    const allowed = await playback();
    // Authorised: the refusal now comes from the missing recording, not from the policy.
    expect(allowed.ok).toBe(false);
    if (!allowed.ok) expect(allowed.error.message).toContain('没有可播放的录音');
  }, 20_000); // real services and key derivation: seconds on a loaded 2-core machine
});
