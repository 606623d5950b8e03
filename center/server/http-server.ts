import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CENTRE_API_VERSION, CENTRE_PRODUCT, type Health } from '../../shared/sync';
import type { CenterContext } from '../center-context';
import type { Route } from './route';
import { buildCentreApp } from './fastify-app';
import { openApiRoute } from './openapi';
import { authRoutes } from './routes/auth-routes';
import { consoleSessionRoutes } from './routes/console-session-routes';
import { branchWorkOrderRoutes } from './routes/branch-work-order-routes';
import { syncRoutes } from './routes/sync-routes';
import { teamRoutes } from './routes/team-routes';
import { reportRoutes } from './routes/report-routes';
import { reportTrendRoutes } from './routes/report-trend-routes';
import { rosterRoutes } from './routes/roster-routes';
import { missedCallRoutes } from './routes/missed-call-routes';
import { phoneCorrectionRoutes } from './routes/phone-correction-routes';
import { teamCallbackRoutes } from './routes/team-callback-routes';
import { caseRoutes } from './routes/case-routes';
import { adminRoutes } from './routes/admin-routes';
import { adminUserRoutes } from './routes/admin-user-routes';
import { adminImportRoutes } from './routes/admin-import-routes';
import { adminAssignmentRoutes } from './routes/admin-assignment-routes';
import { workOrderRoutes } from './routes/work-order-routes';
import { deskConfigRoutes } from './routes/desk-config-routes';
import { sipAccountRoutes } from './routes/sip-account-routes';
import { liveRoutes } from './routes/live-routes';
import { monitorRoutes } from './routes/monitor-routes';
import { calendarRoutes } from './routes/calendar-routes';
import { archiveRoutes } from './routes/archive-routes';
import { archiveQaRoutes } from './routes/archive-qa-routes';
import { exportRoutes } from './routes/export-routes';
import { integrityRoutes } from './routes/integrity-routes';
import { retentionRoutes } from './routes/retention-routes';
import { resultFlagRoutes } from './routes/result-flag-routes';
import { qaRoutes } from './routes/qa-routes';
import { qaReviewRoutes } from './routes/qa-review-routes';
import { visitRoutes } from './routes/visit-routes';

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

/** Every route of the centre, in the order the OpenAPI document lists them. */
export const centreRoutes: readonly Route[] = [
  ...authRoutes,
  ...consoleSessionRoutes,
  ...syncRoutes,
  ...teamRoutes,
  ...reportRoutes,
  ...reportTrendRoutes,
  ...rosterRoutes,
  ...phoneCorrectionRoutes,
  ...teamCallbackRoutes,
  ...missedCallRoutes,
  ...caseRoutes,
  ...adminRoutes,
  ...adminUserRoutes,
  ...adminImportRoutes,
  ...adminAssignmentRoutes,
  ...workOrderRoutes,
  ...branchWorkOrderRoutes,
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
  ...visitRoutes,
];

/** Starts the HTTP(S) server with every route, the OpenAPI document and the push channel. */
export async function startHttpServer(center: CenterContext, listen: ListenOptions): Promise<RunningServer> {
  const routes = [...centreRoutes, health];
  const tls = listen.tls ? { https: { cert: readFileSync(listen.tls.certFile), key: readFileSync(listen.tls.keyFile) } } : {};
  const app = await buildCentreApp(center, [...routes, openApiRoute(routes)], { ...tls, keepAliveTimeout: 65_000 });
  await app.listen({ port: listen.port, host: listen.host });
  const server = app.server as Server;
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `${listen.tls ? 'https' : 'http'}://${host}:${addr.port}`,
    server,
    close: () => app.close(),
  };
}

const health: Route = {
  method: 'GET',
  path: '/api/health',
  roles: 'public',
  summary: 'Product and API generation (a desk checks them before it keeps a centre address)',
  // Names the product and API generation: a desk checks them before it keeps a centre's address.
  async handle() {
    const value: Health = { status: 'ok', product: CENTRE_PRODUCT, apiVersion: CENTRE_API_VERSION };
    return { ok: true, value };
  },
};
