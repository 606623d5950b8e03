import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHuifangApi } from '../../shared/ipc/client';
import { IpcRouter } from '../../main/ipc/ipc-router';
import { startWebHost, type RunningWebHost } from '../../main/web/web-host';
import { webSocketTransport } from '../../preload/web-socket-transport';

describe('web bridge transport against the real web host', () => {
  let host: RunningWebHost;
  let Ctor: typeof globalThis.WebSocket;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hf-wst-'));
    const router = new IpcRouter().register({ 'app:ping': (req) => ({ nonce: req.nonce, receivedAt: 5 }) });
    host = await startWebHost({ router, rendererDir: dir, bridgeFile: path.join(dir, 'b.js'), token: 'tkn' });
    // The browser sends the cookie and origin itself; in Node we add them.
    Ctor = class extends WebSocket {
      constructor(url: string) {
        super(url, { headers: { cookie: 'huifang_session=tkn', origin: host.origin } });
      }
    } as unknown as typeof globalThis.WebSocket;
  });
  afterAll(() => host.close());

  it('builds the same API as the preload and carries calls and events', async () => {
    const api = createHuifangApi(webSocketTransport(`ws://127.0.0.1:${host.port}/__huifang/ipc`, Ctor));
    await expect(api.app.ping({ nonce: 'w' })).resolves.toEqual({ ok: true, value: { nonce: 'w', receivedAt: 5 } });
    const got = new Promise((resolve) => api.on('app:notice', resolve));
    host.broadcast('app:notice', { level: 'warning', message: '网络不稳定' });
    await expect(got).resolves.toEqual({ level: 'warning', message: '网络不稳定' });
    await expect(api.app.info({})).resolves.toMatchObject({ ok: false, error: { code: 'not_available' } });
  });

  it('fails pending calls with transport_closed when the host goes away', async () => {
    const api = createHuifangApi(webSocketTransport(`ws://127.0.0.1:${host.port}/__huifang/ipc`, Ctor));
    await api.app.ping({ nonce: 'warm' });
    const pending = api.app.ping({ nonce: 'late' });
    await host.close();
    const result = await pending;
    // Either answered before the close or failed with a readable transport error; never hangs or throws.
    if (!result.ok) expect(result.error.code).toBe('transport_closed');
  });
});
