import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNEL_PATH, type ChannelMessage } from '../../shared/sync';
import type { CenterContext } from '../center-context';

/**
 * The push channel: a WebSocket per signed-in workstation at `/api/sync/ws`, authenticated with
 * the same bearer token (Authorization header). It only says "changed"; the workstation pulls.
 * A team lead's socket also says `live` when an agent of their team published (the board reads).
 * Pings every 30 s drop dead connections. Polling remains the fallback.
 */
export function attachPushChannel(server: Server, center: CenterContext): { close(): void; clients(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://centre.invalid').pathname;
    if (path !== CHANNEL_PATH) return reject(socket, 404, 'Not Found');
    void center.auth.authenticate(req.headers.authorization).then(
      (auth) => {
        if (!auth.ok) return reject(socket, 401, 'Unauthorized');
        if (auth.user.role !== 'agent' && auth.user.role !== 'team_lead') return reject(socket, 403, 'Forbidden');
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, auth.user.staffNo, auth.user.role === 'team_lead' ? auth.user.team : null));
      },
      () => reject(socket, 500, 'Internal Server Error'),
    );
  });

  /** `leadOf`: the team a team lead leads; their socket also carries that team's live-board notices. */
  function onConnection(ws: WebSocket & { alive?: boolean }, staffNo: string, leadOf: string | null): void {
    const send = (m: ChannelMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
    const unsubscribe = center.notifier.subscribe(staffNo, () => send({ type: 'changed' }));
    const unsubscribeLive = leadOf === null ? () => undefined : center.live.subscribeTeam(leadOf, (agent) => send({ type: 'live', staffNo: agent }));
    ws.alive = true;
    ws.on('pong', () => (ws.alive = true));
    ws.on('close', () => {
      unsubscribe();
      unsubscribeLive();
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', () => undefined); // the channel is one-way; ignore anything sent
    send({ type: 'hello', staffNo });
  }

  const timer = setInterval(() => {
    for (const ws of wss.clients as Set<WebSocket & { alive?: boolean }>) {
      if (!ws.alive) ws.terminate();
      else {
        ws.alive = false;
        ws.ping();
      }
    }
  }, 30_000);
  timer.unref();

  return {
    close() {
      clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
    clients: () => wss.clients.size,
  };
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
