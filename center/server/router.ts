import type { IncomingMessage, ServerResponse } from 'node:http';
import { syncError, type CenterResult, type Role } from '../../shared/sync';
import type { StoredUser } from '../store/users-repo';
import type { CenterContext } from '../center-context';
import { requireRole } from '../auth/roles';
import { httpStatusOf } from './http-status';

/** What a handler gets. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly center: CenterContext;
  /** The authenticated caller (undefined only on public routes). */
  readonly user: StoredUser;
}

/** A handler answers a result envelope, or `'handled'` when it wrote the response itself (streams). */
export type Handler = (ctx: RouteContext) => Promise<CenterResult<unknown> | 'handled'>;

/** One endpoint: method, path with `:params`, who may call it. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly roles: readonly Role[] | 'public';
  readonly handle: Handler;
}

interface Compiled extends Route {
  readonly re: RegExp;
  readonly keys: string[];
}

/** Sends a JSON envelope with the status that fits it. */
export function sendResult(res: ServerResponse, result: CenterResult<unknown>): void {
  const status = result.ok ? 200 : httpStatusOf[result.error.code];
  const body = JSON.stringify(result);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Matches requests to routes, authenticates and checks the role before the handler runs. */
export class Router {
  private readonly routes: Compiled[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((r) => {
      const keys: string[] = [];
      const re = new RegExp(`^${r.path.replace(/:([a-zA-Z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`);
      return { ...r, re, keys };
    });
  }

  /** Handles one request; never throws. */
  async dispatch(req: IncomingMessage, res: ServerResponse, center: CenterContext): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://centre.invalid');
    const pathMatches = this.routes.filter((r) => r.re.test(url.pathname));
    if (pathMatches.length === 0) return sendResult(res, { ok: false, error: syncError('not_found') });
    const route = pathMatches.find((r) => r.method === req.method);
    if (!route) return sendResult(res, { ok: false, error: syncError('method_not_allowed') });
    const m = route.re.exec(url.pathname) as RegExpExecArray;
    const params: Record<string, string> = {};
    route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));

    let user: StoredUser | undefined;
    if (route.roles !== 'public') {
      const auth = await center.auth.authenticate(req.headers.authorization);
      if (!auth.ok) return sendResult(res, { ok: false, error: auth.error });
      const denied = requireRole(auth.user, route.roles);
      if (denied) return sendResult(res, { ok: false, error: denied });
      user = auth.user;
    }
    const result = await route.handle({ req, res, url, params, center, user: user as StoredUser });
    if (result !== 'handled') sendResult(res, result);
  }
}
