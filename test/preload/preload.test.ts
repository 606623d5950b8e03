import { describe, expect, it } from 'vitest';
import { contextBridge, ipcRenderer } from '../mocks/electron';

describe('Electron preload', () => {
  it('exposes exactly one frozen huifang API generated from the contract, never ipcRenderer', async () => {
    await import('../../preload/index');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('huifang');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).not.toContain('ipcRenderer');
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/process|env|require/);
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { nonce: 'z', receivedAt: 1 } });
    const result = await (api.app as { ping: (r: unknown) => Promise<unknown> }).ping({ nonce: 'z' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('huifang:invoke', 'app:ping', { nonce: 'z' });
    expect(result).toEqual({ ok: true, value: { nonce: 'z', receivedAt: 1 } });
  });

  it('delivers only the subscribed event and unsubscribes', async () => {
    const { electronTransport } = await import('../../preload/index');
    const got: unknown[] = [];
    const off = electronTransport(ipcRenderer as never).subscribe('app:notice', (p) => got.push(p));
    ipcRenderer.emit('huifang:event', {}, 'app:notice', { level: 'info', message: 'a' });
    ipcRenderer.emit('huifang:event', {}, 'other:event', { x: 1 });
    off();
    ipcRenderer.emit('huifang:event', {}, 'app:notice', { level: 'info', message: 'b' });
    expect(got).toEqual([{ level: 'info', message: 'a' }]);
  });
});
