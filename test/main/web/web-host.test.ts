import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { IpcRouter } from '../../../main/ipc/ipc-router';
import { startWebHost, type RunningWebHost } from '../../../main/web/web-host';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function openSocket(host: RunningWebHost, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/__huifang/ipc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('web host: loopback, per-launch token, same contract over WebSocket', () => {
  let host: RunningWebHost;
  let cookie: string;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hf-web-'));
    mkdirSync(path.join(root, 'r'));
    writeFileSync(path.join(root, 'r', 'index.html'), '<html><head></head><body>x</body></html>');
    writeFileSync(path.join(root, 'bridge.js'), '/* bridge */');
    const router = new IpcRouter().register({ 'app:ping': (req) => ({ nonce: req.nonce, receivedAt: 1 }) });
    host = await startWebHost({ router, rendererDir: path.join(root, 'r'), bridgeFile: path.join(root, 'bridge.js'), port: 0, token: 'launch-token-123' });
    cookie = `huifang_session=${host.token}`;
  });
  afterAll(() => host.close());

  it('binds to 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('exchanges the launch token for an HttpOnly cookie and strips it from the URL', async () => {
    const res = await get(host.url);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses a wrong token and requests without the cookie', async () => {
    expect((await get(`${host.origin}/?token=wrong`)).status).toBe(403);
    expect((await get(`${host.origin}/`)).status).toBe(401);
  });

  it('serves the renderer with the bridge injected before the app and a strict CSP', async () => {
    const res = await get(`${host.origin}/`, { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<head>\n    <script src="/__huifang/bridge.js"></script>');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(`${host.origin}/`, { cookie, host: 'evil.example' })).status).toBe(421);
  });

  it('refuses path traversal', async () => {
    expect((await get(`${host.origin}/..%2f..%2fetc%2fpasswd`, { cookie })).status).toBe(404);
  });

  it('refuses WebSocket upgrades without the cookie or from a foreign origin', async () => {
    await expect(openSocket(host, { origin: host.origin })).rejects.toThrow(/403/);
    await expect(openSocket(host, { origin: 'https://evil.example', cookie })).rejects.toThrow(/403/);
  });

  it('carries a call and answers malformed frames with a typed error', async () => {
    const ws = await openSocket(host, { origin: host.origin, cookie });
    const replies: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        replies.push(JSON.parse(d.toString()));
        if (replies.length === 3) resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:ping', payload: { nonce: 'q' } }));
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'nope:x', payload: {} }));
    await done;
    ws.close();
    expect(replies).toContainEqual({ type: 'result', id: 1, result: { ok: true, value: { nonce: 'q', receivedAt: 1 } } });
    expect(replies).toContainEqual(expect.objectContaining({ id: null, result: expect.objectContaining({ ok: false }) }));
    expect(replies).toContainEqual(
      expect.objectContaining({ id: 3, result: expect.objectContaining({ error: expect.objectContaining({ code: 'unknown_channel' }) }) }),
    );
  });
});
