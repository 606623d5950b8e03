import { beforeEach, describe, expect, it } from 'vitest';
import { ipcMain } from '../../mocks/electron';
import { registerIpcHandlers, isTrustedSender, sendEvent } from '../../../main/electron/ipc-adapter';
import { INVOKE_CHANNEL } from '../../../shared/ipc/electron-channels';
import { IpcRouter } from '../../../main/ipc/ipc-router';

type FakeEvent = { sender: { id: number }; senderFrame: { url: string; parent: unknown } | null };
const ev = (id: number, url: string, parent: unknown = null): FakeEvent => ({ sender: { id }, senderFrame: { url, parent } });

describe('Electron IPC adapter: sender check before validation', () => {
  let invoke: (event: FakeEvent, channel: unknown, payload: unknown) => Promise<unknown>;

  beforeEach(() => {
    ipcMain.handlers.clear();
    const router = new IpcRouter().register({ 'app:ping': (req) => ({ nonce: req.nonce, receivedAt: 0 }) });
    registerIpcHandlers(ipcMain as never, router, () => new Set([7]));
    invoke = ipcMain.handlers.get(INVOKE_CHANNEL) as typeof invoke;
  });

  it('answers our own window on our own origin', async () => {
    await expect(invoke(ev(7, 'app://huifang/index.html'), 'app:ping', { nonce: 'n' })).resolves.toMatchObject({ ok: true });
  });

  it('rejects a foreign window even on our origin', async () => {
    await expect(invoke(ev(8, 'app://huifang/index.html'), 'app:ping', { nonce: 'n' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('rejects our window showing a foreign origin', async () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'http://127.0.0.1:5730/']) {
      await expect(invoke(ev(7, url), 'app:ping', { nonce: 'n' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
  });

  it('rejects sub-frames and calls without a frame', async () => {
    await expect(invoke(ev(7, 'app://huifang/x.html', {}), 'app:ping', { nonce: 'n' })).resolves.toMatchObject({ ok: false });
    await expect(invoke({ sender: { id: 7 }, senderFrame: null }, 'app:ping', { nonce: 'n' })).resolves.toMatchObject({ ok: false });
  });

  it('rejects an unknown channel and a malformed payload from a trusted sender with typed errors', async () => {
    await expect(invoke(ev(7, 'app://huifang/'), 'fs:readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    await expect(invoke(ev(7, 'app://huifang/'), 'app:ping', 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('isTrustedSender needs all three: own id, main frame, own origin', () => {
    expect(isTrustedSender(ev(7, 'app://huifang/') as never, new Set([7]))).toBe(true);
    expect(isTrustedSender(ev(7, 'app://huifang/') as never, new Set())).toBe(false);
  });

  it('validates event payloads against the contract before sending', () => {
    const sent: unknown[][] = [];
    const target = { isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) };
    sendEvent([target as never], 'app:notice', { level: 'info', message: 'hi' });
    expect(sent).toEqual([['huifang:event', 'app:notice', { level: 'info', message: 'hi' }]]);
    expect(() => sendEvent([target as never], 'app:notice', { level: 'loud', message: 1 } as never)).toThrow();
  });
});
