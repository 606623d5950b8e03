import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { CHANNEL_PATH, syncError, type ChannelMessage } from '../../shared/sync';
import type { CenterContext } from '../center-context';
import { audit } from '../store/audit-repo';
import type { StoredUser } from '../store/users-repo';
import { sendResult } from './reply-envelope';

/** The caller each accepted upgrade was made by (set in `onRequest`, read on connection). */
const callers = new WeakMap<object, StoredUser>();

/**
 * The push channel: a WebSocket per signed-in workstation at `/api/sync/ws`, authenticated with
 * the same bearer token (Authorization header); agents and team leads only (else 401/403 before
 * the upgrade). It only says "changed"; the workstation pulls. A team lead's socket also says
 * `live` when an agent of their team published or signed out, carrying the agent's state: the
 * board updates that row without reading the whole team (one read per notice, 20 leads × 60
 * changes a second, each read audited, was what made the board lag). Each such socket is audited
 * once as `team.live_watch`. Pings every 30 s drop dead connections. Polling remains the fallback.
 */
export function registerPushChannel(app: FastifyInstance, center: CenterContext): void {
  app.get(
    CHANNEL_PATH,
    {
      websocket: true,
      onRequest: async (request, reply) => {
        const auth = await center.auth.authenticate(request.headers.authorization);
        if (!auth.ok) return sendResult(reply, { ok: false, error: auth.error });
        if (auth.user.role !== 'agent' && auth.user.role !== 'team_lead') return sendResult(reply, { ok: false, error: syncError('forbidden') });
        // A lead's socket shows the team's policy numbers from now on, as a read of the board would:
        // audited before the upgrade, so a failed audit refuses the socket (the desk then polls).
        if (auth.user.role === 'team_lead') await audit(center.store.db, { actor: auth.user.staffNo, action: 'team.live_watch', target: auth.user.team });
        callers.set(request.raw, auth.user);
      },
    },
    (ws, request) => {
      const user = callers.get(request.raw) as StoredUser;
      onConnection(ws, user.staffNo, user.role === 'team_lead' ? user.team : null);
    },
  );

  /** `leadOf`: the team a team lead leads; their socket also carries that team's live-board notices. */
  function onConnection(ws: WebSocket & { alive?: boolean }, staffNo: string, leadOf: string | null): void {
    const send = (m: ChannelMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
    const unsubscribe = center.notifier.subscribe(staffNo, () => send({ type: 'changed' }));
    const unsubscribeLive =
      leadOf === null
        ? () => undefined
        : center.live.subscribeTeam(leadOf, (agent, entry) => {
            // The change itself, so the board needs no read; an agent now in another team leaves it.
            const shown = entry !== undefined && entry.team === leadOf;
            const update = shown ? { state: entry.state, receivedAt: new Date(entry.receivedAt).toISOString() } : { state: null, receivedAt: null };
            send({ type: 'live', staffNo: agent, update });
          });
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
    for (const ws of app.websocketServer.clients as Set<WebSocket & { alive?: boolean }>) {
      if (!ws.alive) ws.terminate();
      else {
        ws.alive = false;
        ws.ping();
      }
    }
  }, 30_000);
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
}
