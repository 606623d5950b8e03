import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { IpcRouter } from '../../../../main/ipc/ipc-router';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import { createSoftphoneServices } from '../../../../main/services/softphone/create-softphone-services';
import { softphoneSeedFromEnv } from '../../../../main/services/softphone/seed-from-env';
import { softphoneConfigSchema } from '../../../../shared/ipc/channels/softphone';

const caller = { host: 'web' as const, callerId: 't' };
const config = softphoneConfigSchema.parse({
  sipUri: 'sip:1001@127.0.0.1',
  authUser: '1001',
  displayName: '坐席 1001',
  wsUrl: 'ws://127.0.0.1:5066',
  dialPrefix: '9',
});

function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-sp-'));
  const router = new IpcRouter();
  const emit = vi.fn();
  const release = vi.fn();
  const keepAwake = vi.fn(() => release);
  const services = createSoftphoneServices({ dataDir, secrets: nodeSecretProtector(randomBytes(32)), displayKeeper: { keepAwake }, emit }, router);
  return { dataDir, router, emit, keepAwake, release, services };
}

describe('softphone account settings', () => {
  it('stores the password encrypted and never returns it from getConfig', async () => {
    const { dataDir, router } = setup();
    const saved = await router.dispatch('softphone:saveConfig', { config, password: 'agent-1001' }, caller);
    expect(saved).toEqual({ ok: true, value: { config, hasPassword: true, managedByCentre: false } });
    const files = readdirSync(path.join(dataDir, 'softphone'));
    for (const f of files) expect(readFileSync(path.join(dataDir, 'softphone', f)).toString('latin1')).not.toContain('agent-1001');
    const view = await router.dispatch('softphone:getConfig', {}, caller);
    expect(JSON.stringify(view)).not.toContain('agent-1001');
    expect(await router.dispatch('softphone:credentials', {}, caller)).toEqual({ ok: true, value: { authUser: '1001', password: 'agent-1001' } });
  });

  it('keeps the stored password when none is given and removes it on empty string', async () => {
    const { router } = setup();
    await router.dispatch('softphone:saveConfig', { config, password: 'x' }, caller);
    await router.dispatch('softphone:saveConfig', { config: { ...config, displayName: '新名字' } }, caller);
    expect(await router.dispatch('softphone:credentials', {}, caller)).toMatchObject({ ok: true, value: { password: 'x' } });
    await router.dispatch('softphone:saveConfig', { config, password: '' }, caller);
    const creds = await router.dispatch('softphone:credentials', {}, caller);
    expect(creds.ok).toBe(false);
    if (!creds.ok) expect(creds.error.message).toContain('尚未保存软电话密码');
  });

  it('answers credentials with a readable error before anything is configured', async () => {
    const { router } = setup();
    const creds = await router.dispatch('softphone:credentials', {}, caller);
    expect(creds).toMatchObject({ ok: false, error: { code: 'domain_error' } });
    expect(await router.dispatch('softphone:getConfig', {}, caller)).toEqual({ ok: true, value: { config: null, hasPassword: false, managedByCentre: false } });
  });

  it('reads a corrupt settings file as not configured', async () => {
    const { dataDir, router } = setup();
    await router.dispatch('softphone:saveConfig', { config }, caller);
    writeFileSync(path.join(dataDir, 'softphone', 'config.json'), '{not json');
    expect(await router.dispatch('softphone:getConfig', {}, caller)).toMatchObject({ ok: true, value: { config: null } });
  });

  it('rejects a proxy URL that is not ws(s)', async () => {
    const { router } = setup();
    const res = await router.dispatch('softphone:saveConfig', { config: { ...config, wsUrl: 'http://evil.example' } }, caller);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('offers the configured proxy origin for the CSP connect-src', async () => {
    const { router, services, emit } = setup();
    expect(services.connectOrigins()).toEqual([]);
    await router.dispatch('softphone:saveConfig', { config: { ...config, wsUrl: 'wss://pbx.example.cn:7443/ws' } }, caller);
    expect(services.connectOrigins()).toEqual(['wss://pbx.example.cn:7443']);
    expect(emit).toHaveBeenCalledWith('softphone:configChanged', { hasPassword: false });
  });
});

describe('display kept awake during calls', () => {
  it('holds one wake lock from calling until idle, then releases it', async () => {
    const { router, keepAwake, release } = setup();
    expect(await router.dispatch('softphone:reportCallState', { state: 'calling' }, caller)).toEqual({ ok: true, value: { keepingAwake: true } });
    await router.dispatch('softphone:reportCallState', { state: 'established', callId: 'c1' }, caller);
    await router.dispatch('softphone:reportCallState', { state: 'held', callId: 'c1' }, caller);
    expect(keepAwake).toHaveBeenCalledTimes(1);
    expect(release).not.toHaveBeenCalled();
    expect(await router.dispatch('softphone:reportCallState', { state: 'idle' }, caller)).toEqual({ ok: true, value: { keepingAwake: false } });
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('releases the wake lock on dispose', async () => {
    const { router, services, release } = setup();
    await router.dispatch('softphone:reportCallState', { state: 'established' }, caller);
    services.dispose();
    expect(release).toHaveBeenCalledTimes(1);
  });
});

describe('web host launch seed', () => {
  it('builds an account from HUIFANG_SIP_* variables and nothing without a proxy', () => {
    expect(softphoneSeedFromEnv({})).toBeNull();
    const seed = softphoneSeedFromEnv({ HUIFANG_SIP_WS: 'ws://127.0.0.1:1', HUIFANG_SIP_URI: 'sip:1002@127.0.0.1', HUIFANG_SIP_PASSWORD: 'p' });
    expect(seed?.config.authUser).toBe('1002');
    expect(softphoneConfigSchema.safeParse(seed?.config).success).toBe(true);
    expect(seed?.password).toBe('p');
  });
});

describe('who may change the softphone settings', () => {
  function withRole(role: { current: string | null }) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-sp-role-'));
    const router = new IpcRouter();
    createSoftphoneServices(
      { dataDir, secrets: nodeSecretProtector(randomBytes(32)), displayKeeper: { keepAwake: () => () => undefined }, emit: vi.fn() },
      router,
      null,
      () => role.current,
    );
    return router;
  }

  it('signed out: refused; an agent cannot set up a desk the administrator has not set up', async () => {
    const role = { current: null as string | null };
    const router = withRole(role);
    expect(await router.dispatch('softphone:saveConfig', { config, password: 'x' }, caller)).toMatchObject({
      ok: false,
      error: { code: 'domain_error', message: expect.stringContaining('请先登录') },
    });
    role.current = 'agent';
    expect(await router.dispatch('softphone:saveConfig', { config, password: 'x' }, caller)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('管理员') },
    });
    expect(await router.dispatch('softphone:getConfig', {}, caller)).toEqual({ ok: true, value: { config: null, hasPassword: false, managedByCentre: false } });
  });

  it('an agent changes their own account and password, not the proxy, caller ID or prefix; an administrator may', async () => {
    const role = { current: 'admin' as string | null };
    const router = withRole(role);
    expect((await router.dispatch('softphone:saveConfig', { config, password: 'x' }, caller)).ok).toBe(true);
    role.current = 'agent';
    const own = { ...config, sipUri: 'sip:1002@127.0.0.1', authUser: '1002', displayName: '坐席 1002' };
    expect(await router.dispatch('softphone:saveConfig', { config: own, password: 'agent-1002' }, caller)).toMatchObject({ ok: true, value: { config: own } });
    const callerIdChange = await router.dispatch('softphone:saveConfig', { config: { ...own, callerId: '95500', dialPrefix: '0' } }, caller);
    expect(callerIdChange).toMatchObject({ ok: false, error: { message: expect.stringMatching(/外显号码、外线前缀/) } });
    expect(await router.dispatch('softphone:getConfig', {}, caller)).toMatchObject({ ok: true, value: { config: { callerId: '', dialPrefix: '9' } } });
    role.current = 'admin';
    expect((await router.dispatch('softphone:saveConfig', { config: { ...own, callerId: '95500' } }, caller)).ok).toBe(true);
  });
});
