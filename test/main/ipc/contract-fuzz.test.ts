import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { channelNames, channels } from '../../../shared/ipc/contract';
import { createMainServices, type MainServices } from '../../../main/services/create-services';
import { nodeSecretProtector } from '../../../main/services/node-secret-protector';
import { startWebHost, type RunningWebHost } from '../../../main/web/web-host';
import { registerIpcHandlers } from '../../../main/electron/ipc-adapter';
import { INVOKE_CHANNEL } from '../../../shared/ipc/electron-channels';
import { ipcMain } from '../../mocks/electron';

/**
 * Throws random payloads at every channel of the contract, through the web host's WebSocket and
 * through the Electron adapter. Nothing may crash; every payload the schema refuses must come back
 * as a typed `invalid_payload` error; every answer must be a well-formed result.
 */
const RUNS_PER_CHANNEL = 40;
const SEED = 20261125;

function payloadsFor(channel: string): unknown[] {
  const random = fc.sample(fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }), {
    seed: SEED + channel.length,
    numRuns: RUNS_PER_CHANNEL,
  });
  const hostile: unknown[] = [
    undefined,
    null,
    0,
    '',
    [],
    'x'.repeat(100_000),
    { __proto__: { polluted: true } },
    { constructor: { prototype: { x: 1 } } },
    { nonce: { toString: null } },
  ];
  return [...random, ...hostile].map((p) => (p === undefined ? null : p));
}

function assertWellFormed(channel: string, payload: unknown, result: unknown) {
  expect(result, channel).toMatchObject({ ok: expect.any(Boolean) });
  const r = result as { ok: boolean; error?: { code: string; message: string } };
  const valid = channels[channel as keyof typeof channels].request.safeParse(payload).success;
  if (!valid) {
    expect(r.ok, `${channel} accepted an invalid payload`).toBe(false);
    expect(r.error?.code).toBe('invalid_payload');
  }
  if (!r.ok) expect(typeof r.error?.message).toBe('string');
}

describe('contract fuzz: random payloads on every channel', () => {
  let services: MainServices;
  let host: RunningWebHost;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hf-fuzz-'));

  beforeAll(async () => {
    services = await createMainServices({
      host: 'web',
      version: '0.0.0-fuzz',
      platform: 'linux',
      dataDir,
      secrets: nodeSecretProtector(Buffer.alloc(32, 7)),
      displayKeeper: { keepAwake: () => () => undefined },
      emit: () => undefined,
    });
    host = await startWebHost({ router: services.router, rendererDir: dataDir, bridgeFile: path.join(dataDir, 'none.js'), token: 'fuzz' });
  });
  afterAll(async () => {
    await host.close();
    await services.dispose();
  });

  // Some 4,000 calls one after another, and the first that reaches the centre starts the embedded demo
  // centre (seconds on a loaded 2-core machine): 3.5–5 s alone here, so the default 5 s stopped nothing but the run.
  it('through the web host WebSocket: no crash, typed errors for every bad call', { timeout: 30_000 }, async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/__huifang/ipc`, { headers: { origin: host.origin, cookie: 'huifang_session=fuzz' } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const waiting = new Map<number, (r: unknown) => void>();
    ws.on('message', (d) => {
      const frame = JSON.parse(d.toString()) as { id: number; result: unknown };
      waiting.get(frame.id)?.(frame.result);
    });
    let id = 0;
    const call = (channel: unknown, payload: unknown) =>
      new Promise<unknown>((resolve) => {
        const n = ++id;
        waiting.set(n, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id: n, channel, payload }));
      });
    let calls = 0;
    for (const channel of channelNames) {
      for (const payload of payloadsFor(channel)) {
        // JSON is what travels: compare against what the host actually receives.
        const sent = JSON.parse(JSON.stringify({ p: payload }) ?? '{}').p ?? null;
        assertWellFormed(channel, sent, await call(channel, payload));
        calls++;
      }
    }
    for (const bogus of ['', 'app', 'app:', ':ping', '__proto__', 'constructor', 'toString', 'app:ping\u0000', 42, null, { a: 1 }]) {
      expect(await call(bogus, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    // Still alive and answering after the storm.
    expect(await call('app:ping', { nonce: 'alive' })).toMatchObject({ ok: true, value: { nonce: 'alive' } });
    ws.close();
    expect(calls).toBeGreaterThan(channelNames.length * RUNS_PER_CHANNEL);
  });

  it('through the Electron adapter: no crash, typed errors for every bad call', async () => {
    ipcMain.handlers.clear();
    registerIpcHandlers(ipcMain as never, services.router, () => new Set([1]));
    const invoke = ipcMain.handlers.get(INVOKE_CHANNEL) as (e: unknown, c: unknown, p: unknown) => Promise<unknown>;
    const event = { sender: { id: 1 }, senderFrame: { url: 'app://huifang/index.html', parent: null } };
    for (const channel of channelNames) {
      for (const payload of payloadsFor(channel)) {
        // Electron's structured clone keeps more shapes than JSON; pass them as they are.
        assertWellFormed(channel, payload, await invoke(event, channel, payload));
      }
    }
    const foreign = { sender: { id: 2 }, senderFrame: { url: 'app://huifang/index.html', parent: null } };
    expect(await invoke(foreign, 'app:ping', { nonce: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await invoke(event, 'app:ping', { nonce: 'alive' })).toMatchObject({ ok: true });
  });
});
