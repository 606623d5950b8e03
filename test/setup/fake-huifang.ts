import { createHuifangApi } from '../../shared/ipc/client';
import { channels, isChannelName } from '../../shared/ipc/contract';
import { DomainError, ipcFail, ipcOk, type IpcResult } from '../../shared/ipc/ipc-error';

/** The cache key the fake host hands out (32 bytes of 7). */
export const TEST_CACHE_KEY = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=';

type FakeHandler = (payload: unknown) => unknown;

/** Handlers the current test installed, by channel name. */
export const fakeHandlers = new Map<string, FakeHandler>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();

/**
 * Installs a fake `window.huifang` built by the real client factory: calls are validated against
 * the contract like the real host does, and answered by handlers the test provides.
 */
export function installFakeHuifang(): void {
  fakeHandlers.clear();
  listeners.clear();
  fakeHandlers.set('app:info', () => ({ name: '回访坐席工作台', version: '0.0.0-test', host: 'web', platform: 'test', dataDir: '/tmp' }));
  fakeHandlers.set('app:cacheKey', () => ({ key: TEST_CACHE_KEY }));
  const api = createHuifangApi({
    async invoke(channel, payload): Promise<IpcResult<unknown>> {
      if (!isChannelName(channel)) return ipcFail('unknown_channel', channel);
      const parsed = channels[channel].request.safeParse(payload);
      if (!parsed.success) return ipcFail('invalid_payload', parsed.error.message);
      const handler = fakeHandlers.get(channel);
      if (!handler) return ipcFail('not_available', `no fake handler for ${channel}`);
      try {
        return ipcOk(await handler(parsed.data));
      } catch (err) {
        // Like the real router: a DomainError keeps its code, anything else is handler_failed.
        if (err instanceof DomainError) return ipcFail(err.code, err.message);
        return ipcFail('handler_failed', err instanceof Error ? err.message : String(err));
      }
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'huifang', { value: api, configurable: true, writable: false });
}

/** Emits a fake main→renderer event. */
export function emitFakeEvent(name: string, payload: unknown): void {
  listeners.get(name)?.forEach((l) => l(payload));
}
