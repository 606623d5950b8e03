import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { createHuifangApi, type HuifangApi } from '../../../shared/ipc/client';
import { webSocketTransport } from '../../../preload/web-socket-transport';
import type { DeskHost } from './fault-processes';

/** The desk's renderer side in plain Node: the web bridge's API over a live socket to one host launch. */
export interface DeskLink {
  readonly api: HuifangApi;
  /** Stops the socket and its reconnects (the tab is closed). */
  close(): void;
}

/**
 * Connects the renderer's modules to a running web host the way `preload/web-bridge.ts` does in
 * a tab opened with the launch URL: the production `webSocketTransport` and `createHuifangApi`, the
 * session cookie and the page's origin the host checks, and `window.huifang` set to the result —
 * so the sync engine, the Dexie outbox (fake-indexeddb) and the cache cipher run unchanged.
 */
export function connectDesk(host: DeskHost, wrap: (api: HuifangApi) => HuifangApi = (api) => api): DeskLink {
  let closed = false;
  let socket: WebSocket | null = null;
  const headers = { cookie: `huifang_session=${host.token}`, origin: host.origin };
  // A browser's WebSocket never throws on a refused connection; `ws` would without an error
  // listener. Once closed, the transport's next reconnect gets a socket that never opens.
  const DeskSocket = function (url: string) {
    if (closed) return { readyState: WebSocket.CLOSED, send: () => undefined, close: () => undefined };
    socket = new WebSocket(url, { headers });
    socket.on('error', () => undefined);
    return socket;
  } as unknown as typeof globalThis.WebSocket;
  Object.assign(DeskSocket, { OPEN: WebSocket.OPEN });
  const api = wrap(createHuifangApi(webSocketTransport(`${host.origin.replace(/^http/, 'ws')}/__huifang/ipc`, DeskSocket)));
  installWindowApi(api);
  return {
    api,
    close() {
      closed = true;
      socket?.terminate();
    },
  };
}

/** `window.huifang` in Node: the renderer reads it lazily on every call (renderer/ipc/huifang.ts). */
function installWindowApi(api: HuifangApi): void {
  const g = globalThis as { window?: object };
  g.window ??= {};
  Object.defineProperty(g.window, 'huifang', { value: api, configurable: true, writable: false, enumerable: true });
}

/** Answers an IPC result's value or throws with the host's message (set-up steps that must work). */
export async function must<T>(what: string, r: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const answer = await r;
  if (!answer.ok) throw new Error(`${what}: ${answer.error.code} ${answer.error.message}`);
  return answer.value;
}
