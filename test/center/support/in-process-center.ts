import { createContext } from '../../../center/start-center';
import { startHttpServer, type RunningServer } from '../../../center/server/http-server';
import type { CenterContext } from '../../../center/center-context';
import type { CenterLimits } from '../../../center/center-context';
import type { StoreConfig } from '../../../center/store/open-store';
import type { BlobStore } from '../../../center/archive/blob-store';
import { sqliteEngine, type EngineUnderTest } from './engines';
import { TODAY, seedUsers } from './seed';

/** A centre in this process on a free loopback port, over a fresh store with test users. */
export interface TestCenter {
  readonly url: string;
  readonly context: CenterContext;
  readonly server: RunningServer;
  /** Where the store lives (tests that inspect the files on disk). */
  readonly storeConfig: StoreConfig;
  close(): Promise<void>;
}

export async function startTestCenter(
  opts: {
    engine?: EngineUnderTest;
    limits?: Partial<CenterLimits>;
    accessTtlSec?: number;
    liveClock?: () => number;
    archiveDir?: string;
    blobs?: BlobStore;
    /** Fixed "today" (default TODAY); null follows the centre's clock (`setCenterClock`). */
    today?: string | null;
  } = {},
): Promise<TestCenter> {
  const opened = await (opts.engine ?? sqliteEngine).open();
  await seedUsers(opened.store);
  const context = await createContext(opened.store, {
    today: opts.today === undefined ? TODAY : (opts.today ?? undefined),
    limits: opts.limits,
    auth: { accessTtlSec: opts.accessTtlSec ?? 900, refreshTtlSec: 3600 },
    liveClock: opts.liveClock,
    archiveDir: opts.archiveDir,
    blobs: opts.blobs,
  });
  const server = await startHttpServer(context, { host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    context,
    server,
    storeConfig: opened.config,
    async close() {
      await server.close();
      await opened.dispose();
    },
  };
}

/** A parsed JSON answer; tests inspect it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** POSTs JSON (or raw text) and returns status + parsed body. */
export async function post(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export async function get(url: string, token?: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, json: await res.json() };
}

export async function loginAs(url: string, staffNo: string, password = 'secret-pass-1'): Promise<string> {
  const r = await post(`${url}/api/auth/login`, { staffNo, password });
  if (r.status !== 200) throw new Error(`login ${staffNo} failed: ${JSON.stringify(r.json)}`);
  return r.json.value.accessToken as string;
}
