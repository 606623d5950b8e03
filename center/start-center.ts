import type { StoreConfig, Store } from './store/open-store';
import { openStore } from './store/open-store';
import { AuthService, DEFAULT_AUTH, type AuthOptions } from './auth/auth-service';
import { ChangeNotifier } from './server/change-notifier';
import { startHttpServer, type ListenOptions, type RunningServer } from './server/http-server';
import { startPgChangeRelay } from './server/pg-change-relay';
import { DEFAULT_LIMITS, type CenterContext, type CenterLimits } from './center-context';
import { DEFAULT_MAPPING, type ColumnMapping } from './import/column-mapping';
import { localToday } from './store/clock';
import { LiveRegistry } from './live/live-registry';
import { MonitorGrants } from './live/monitor-grants';
import { tokenSecret } from './store/settings-repo';
import { ArchiveService } from './archive/archive-service';
import { startResultCheckJob, type ResultCheckOptions } from './result-checks/result-check-job';

/** Everything needed to run a centre. */
export interface CenterOptions {
  readonly store: StoreConfig;
  readonly listen: ListenOptions;
  readonly limits?: Partial<CenterLimits>;
  readonly mapping?: ColumnMapping;
  readonly auth?: AuthOptions;
  /** Fixed "today" (YYYY-MM-DD) for tests; the local date otherwise. */
  readonly today?: string;
  /** Clock (ms) of the live board's registry (stale marks, rate limit); `Date.now` otherwise. */
  readonly liveClock?: () => number;
  /** Directory of the evidence archive (blobs, keys, partial uploads); no archive without it. */
  readonly archiveDir?: string;
  /** Deadline and sweep interval of the result checks (README "Result checks"); 72 h and 10 min by default. */
  readonly resultCheck?: ResultCheckOptions;
}

export interface RunningCenter {
  readonly url: string;
  readonly context: CenterContext;
  readonly server: RunningServer;
  close(): Promise<void>;
}

/** Local calendar date as YYYY-MM-DD (kept here for existing imports). */
export { localToday };

/** Builds the request context over an open store (also used by CLI import and tests). */
export async function createContext(store: Store, opts: Omit<CenterOptions, 'store' | 'listen'> = {}): Promise<CenterContext> {
  return {
    store,
    auth: await AuthService.create(store, opts.auth ?? DEFAULT_AUTH),
    notifier: new ChangeNotifier(),
    live: new LiveRegistry(opts.liveClock),
    monitor: new MonitorGrants(await tokenSecret(store), opts.liveClock),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    archive: opts.archiveDir ? await ArchiveService.open(opts.archiveDir) : null,
    mapping: opts.mapping ?? DEFAULT_MAPPING,
    today: () => opts.today ?? localToday(),
  };
}

/** Opens the store, migrates it and starts listening. Errors are values. */
export async function startCenter(opts: CenterOptions): Promise<{ ok: true; center: RunningCenter } | { ok: false; message: string }> {
  const opened = await openStore(opts.store);
  if (!opened.ok) return opened;
  const context = await createContext(opened.store, opts);
  const relay = opts.store.engine === 'postgres' ? await startPgChangeRelay(opts.store.url, opts.store.schema, context.notifier) : null;
  let server: RunningServer;
  try {
    server = await startHttpServer(context, opts.listen);
  } catch (err) {
    await relay?.close();
    await opened.store.close();
    return { ok: false, message: `cannot listen on ${opts.listen.host}:${opts.listen.port}: ${(err as Error).message}` };
  }
  const checks = startResultCheckJob(opened.store, opts.resultCheck, (line) => process.stderr.write(`centre: ${line}\n`));
  return {
    ok: true,
    center: {
      url: server.url,
      context,
      server,
      async close() {
        await checks.stop();
        await server.close();
        await relay?.close();
        await opened.store.close();
      },
    },
  };
}
