import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CENTRE_API_VERSION, CENTRE_PRODUCT, syncError, type Health } from '../../shared/sync';
import type { CenterContext } from '../center-context';
import { Router, sendResult } from './router';
import { attachPushChannel } from './push-channel';
import { authRoutes } from './routes/auth-routes';
import { syncRoutes } from './routes/sync-routes';
import { teamRoutes } from './routes/team-routes';
import { rosterRoutes } from './routes/roster-routes';
import { missedCallRoutes } from './routes/missed-call-routes';
import { phoneCorrectionRoutes } from './routes/phone-correction-routes';
import { teamCallbackRoutes } from './routes/team-callback-routes';
import { caseRoutes } from './routes/case-routes';
import { adminRoutes } from './routes/admin-routes';
import { workOrderRoutes } from './routes/work-order-routes';
import { deskConfigRoutes } from './routes/desk-config-routes';
import { sipAccountRoutes } from './routes/sip-account-routes';
import { liveRoutes } from './routes/live-routes';
import { monitorRoutes } from './routes/monitor-routes';
import { calendarRoutes } from './routes/calendar-routes';
import { archiveRoutes } from './routes/archive-routes';
import { archiveQaRoutes } from './routes/archive-qa-routes';
import { BlobStoreUnavailable } from '../archive/blob-store-unavailable';
import { exportRoutes } from './routes/export-routes';
import { integrityRoutes } from './routes/integrity-routes';
import { retentionRoutes } from './routes/retention-routes';
import { resultFlagRoutes } from './routes/result-flag-routes';
import { qaRoutes } from './routes/qa-routes';
import { qaReviewRoutes } from './routes/qa-review-routes';

/**
 * Where the centre listens. Loopback (127.0.0.1) by default: the embedded centre serves only the
 * workstation on the same machine. For a shared centre set `host` to the LAN address AND give
 * `tls` (PEM files), e.g. `--host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem`; then the
 * workstation uses an `https://` centre URL. Never expose plain HTTP beyond loopback: tokens and
 * personal data travel in it.
 */
export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Starts the HTTP(S) server with every route and the push channel. */
export async function startHttpServer(center: CenterContext, listen: ListenOptions): Promise<RunningServer> {
  const router = new Router([
    ...authRoutes,
    ...syncRoutes,
    ...teamRoutes,
    ...rosterRoutes,
    ...phoneCorrectionRoutes,
    ...teamCallbackRoutes,
    ...missedCallRoutes,
    ...caseRoutes,
    ...adminRoutes,
    ...workOrderRoutes,
    ...deskConfigRoutes,
    ...calendarRoutes,
    ...liveRoutes,
    ...monitorRoutes,
    ...archiveRoutes,
    ...archiveQaRoutes,
    ...exportRoutes,
    ...integrityRoutes,
    ...retentionRoutes,
    ...resultFlagRoutes,
    ...qaRoutes,
    ...qaReviewRoutes,
    ...sipAccountRoutes,
    health,
  ]);
  const handler: Parameters<typeof createHttp>[1] = (req, res) => {
    router.dispatch(req, res, center).catch((err: unknown) => {
      process.stderr.write(`centre: request ${req.method} ${req.url} failed: ${(err as Error)?.stack ?? String(err)}\n`);
      // A blob store's failure names its cause (bucket, credentials, endpoint) to the desk that retries.
      if (!res.headersSent) sendResult(res, { ok: false, error: err instanceof BlobStoreUnavailable ? err.error : syncError('internal') });
      else res.end();
    });
  };
  const server: Server = listen.tls
    ? (createHttps({ cert: readFileSync(listen.tls.certFile), key: readFileSync(listen.tls.keyFile) }, handler) as unknown as Server)
    : createHttp(handler);
  server.keepAliveTimeout = 65_000;
  const channel = attachPushChannel(server, center);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `${listen.tls ? 'https' : 'http'}://${host}:${addr.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        channel.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const health = {
  method: 'GET' as const,
  path: '/api/health',
  roles: 'public' as const,
  // Names the product and API generation: a desk checks them before it keeps a centre's address.
  async handle() {
    const value: Health = { status: 'ok', product: CENTRE_PRODUCT, apiVersion: CENTRE_API_VERSION };
    return { ok: true as const, value };
  },
};
