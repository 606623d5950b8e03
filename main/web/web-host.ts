import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildCsp } from '../../shared/security/csp';
import { ipcFail } from '../../shared/ipc/ipc-error';
import type { IpcRouter } from '../ipc/ipc-router';
import { mimeTypeFor, resolveInsideRoot } from '../services/static-path';

/** Options of the web host: the same renderer and contract as Electron, over HTTP + WebSocket. */
export interface WebHostOptions {
  readonly router: IpcRouter;
  readonly rendererDir: string;
  readonly bridgeFile: string;
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  readonly port?: number;
  /** Per-launch secret; generated when absent. */
  readonly token?: string;
  /** Extra CSP connect-src origins (e.g. the SIP proxy). */
  readonly connectSrc?: () => readonly string[];
  /** Largest accepted IPC frame in bytes. */
  readonly maxFrameBytes?: number;
}

export interface RunningWebHost {
  /** URL to open, including the launch token. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Sends a main→renderer event to every connected renderer. */
  broadcast(name: string, payload: unknown): void;
  close(): Promise<void>;
}

const COOKIE = 'huifang_session';
const BRIDGE_PATH = '/__huifang/bridge.js';
const IPC_PATH = '/__huifang/ipc';

/** Starts the web host on 127.0.0.1. */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxFrame = options.maxFrameBytes ?? 8 * 1024 * 1024;
  let origin = '';
  let callerSeq = 0;

  const hasValidCookie = (req: IncomingMessage) => tokenMatches(readCookie(req.headers.cookie, COOKIE), token);
  const hostAllowed = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return host === new URL(origin).host || host === `localhost:${new URL(origin).port}`;
  };

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req)) return void res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end('Method not allowed');
    const url = new URL(req.url ?? '/', origin);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokenMatches(offered, token)) return void res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('令牌无效 (invalid token)');
      res.writeHead(303, {
        location: url.pathname,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return void res.end();
    }
    if (!hasValidCookie(req)) {
      return void res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('请使用启动时打印的链接打开 (open the URL printed at launch)');
    }
    const headers = {
      'content-security-policy': buildCsp(options.connectSrc?.() ?? []),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    };
    if (url.pathname === BRIDGE_PATH) {
      const body = await readFile(options.bridgeFile);
      return void res.writeHead(200, { ...headers, 'content-type': mimeTypeFor('x.js') }).end(body);
    }
    let file = resolveInsideRoot(options.rendererDir, url.pathname);
    if (!file) return void res.writeHead(404).end('Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      // Single-page app: unknown paths without an extension get the entry page.
      if (/\.[a-z0-9]+$/i.test(url.pathname)) return void res.writeHead(404).end('Not found');
      file = resolveInsideRoot(options.rendererDir, '/index.html') as string;
      body = await readFile(file);
    }
    if (file.endsWith('index.html')) body = Buffer.from(injectBridge(body.toString('utf8')));
    res.writeHead(200, { ...headers, 'content-type': mimeTypeFor(file) }).end(body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrame });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const originOk = req.headers.origin === origin || req.headers.origin === `http://localhost:${new URL(origin).port}`;
    if (url.pathname !== IPC_PATH || !hostAllowed(req) || !originOk || !hasValidCookie(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const callerId = `web-${++callerSeq}`;
    ws.on('message', (data, isBinary) => {
      void handleFrame(ws, callerId, isBinary ? null : data.toString());
    });
    // A closed page (tab closed, reloaded) is a window gone: its per-window state goes with it.
    ws.on('close', () => options.router.callerGone(callerId));
  });

  async function handleFrame(ws: WebSocket, callerId: string, text: string | null) {
    let frame: unknown;
    try {
      frame = text === null ? null : JSON.parse(text);
    } catch {
      frame = null;
    }
    const id = isRecord(frame) && Number.isSafeInteger(frame.id) ? (frame.id as number) : null;
    if (!isRecord(frame) || frame.type !== 'invoke' || id === null) {
      sendJson(ws, { type: 'result', id, result: ipcFail('invalid_payload', '消息格式无效 (malformed IPC frame)') });
      return;
    }
    const result = await options.router.dispatch(frame.channel, frame.payload, { host: 'web', callerId });
    sendJson(ws, { type: 'result', id, result });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    broadcast(name, payload) {
      const text = JSON.stringify({ type: 'event', name, payload });
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  return html.includes('<head>') ? html.replace('<head>', `<head>\n    ${tag}`) : `${tag}${html}`;
}

function sendJson(ws: WebSocket, value: unknown) {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function tokenMatches(offered: string | null, expected: string): boolean {
  if (offered === null) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
