import { describe, expect, it, vi } from 'vitest';
import { IpcRouter } from '../../../main/ipc/ipc-router';
import { DomainError } from '../../../shared/ipc/ipc-error';

const caller = { host: 'web', callerId: 't' } as const;

function router() {
  const log = vi.fn();
  const r = new IpcRouter(log).register({
    'app:ping': (req) => ({ nonce: req.nonce, receivedAt: 1 }),
    'app:info': () => {
      throw new Error('disk on fire');
    },
  });
  return { r, log };
}

describe('IPC router: validation and typed errors', () => {
  it('dispatches a valid call and returns the handler value', async () => {
    const { r } = router();
    await expect(r.dispatch('app:ping', { nonce: 'x' }, caller)).resolves.toEqual({ ok: true, value: { nonce: 'x', receivedAt: 1 } });
  });

  it('rejects an unknown channel with a readable error and logs it', async () => {
    const { r, log } = router();
    const result = await r.dispatch('app:selfDestruct', {}, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    if (!result.ok) expect(result.error.message).toContain('app:selfDestruct');
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ code: 'unknown_channel' }));
  });

  it('rejects a malformed payload naming the field and the reason', async () => {
    const { r } = router();
    const result = await r.dispatch('app:ping', { nonce: 7 }, caller);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_payload');
      expect(result.error.issues?.[0]?.path).toBe('nonce');
      expect(result.error.message).toMatch(/nonce/);
    }
  });

  it('rejects extra fields (strict schemas)', async () => {
    const { r } = router();
    const result = await r.dispatch('app:ping', { nonce: 'x', __proto__: { admin: true }, extra: 1 }, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('turns a thrown error into handler_failed instead of throwing across', async () => {
    const { r } = router();
    const result = await r.dispatch('app:info', {}, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    if (!result.ok) expect(result.error.message).toContain('disk on fire');
  });

  it('passes a DomainError through with its own code and message', async () => {
    const r = new IpcRouter().register({
      'app:ping': () => {
        throw new DomainError('录音故障，禁止拨号', 'not_available');
      },
    });
    await expect(r.dispatch('app:ping', { nonce: 'a' }, caller)).resolves.toEqual({
      ok: false,
      error: { code: 'not_available', message: '录音故障，禁止拨号' },
    });
  });

  it('refuses a response that violates the contract', async () => {
    const r = new IpcRouter().register({ 'app:ping': () => ({ nonce: 5 }) as never });
    await expect(r.dispatch('app:ping', { nonce: 'a' }, caller)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });

  it('reports a declared channel without a handler as not available', async () => {
    const r = new IpcRouter();
    await expect(r.dispatch('app:ping', { nonce: 'a' }, caller)).resolves.toMatchObject({ ok: false, error: { code: 'not_available' } });
  });

  it('refuses to register an undeclared channel or the same channel twice', () => {
    expect(() => new IpcRouter().register({ ['nope:x' as 'app:ping']: () => ({ nonce: '', receivedAt: 0 }) })).toThrow(/undeclared/);
    const r = new IpcRouter().register({ 'app:ping': () => ({ nonce: '', receivedAt: 0 }) });
    expect(() => r.register({ 'app:ping': () => ({ nonce: '', receivedAt: 0 }) })).toThrow(/twice/);
  });
});
