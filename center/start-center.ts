import { join } from 'node:path';
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
import { SqlBargeLedger, SqlSpentNonces } from './live/shared-ledgers';
import { startPgLiveRelay } from './live/pg-live-relay';
import { tokenSecret } from './store/settings-repo';
import { ArchiveService } from './archive/archive-service';
import type { BlobStore } from './archive/blob-store';
import type { S3BlobStoreConfig } from './archive/s3-blob-store';
import { ArchiveIntegrityJob, DEFAULT_INTEGRITY_EVERY_MS } from './archive/integrity-job';
import { purgeArchive } from './archive/archive-purge';
import { startPeriodicJob, type PeriodicJob } from './periodic-job';
import { startResultCheckJob, type ResultCheckOptions } from './result-checks/result-check-job';
import { startReportJob } from './reports/kept-reports';
import { startImportReportPurge } from './admin/import-reports-repo';
import { DEFAULT_LETTER_FONT } from './visits/letter-pdf';
import { WallboardHub } from './reports/wallboard-hub';
import { wallboardTotals } from './reports/wallboard';

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
  /** CJK font for printed letters; Debian's fonts-wqy-microhei by default (center/visits/letter-pdf.ts). */
  readonly letterFontPath?: string;
  readonly archiveDir?: string;
  /** Recordings in an S3-compatible bucket instead of files under `archiveDir` (partial uploads stay there). */
  readonly s3?: S3BlobStoreConfig;
  /** A blob store already opened (tests); the filesystem under `archiveDir` when neither this nor `s3`. */
  readonly blobs?: BlobStore;
  /** How often the archive's integrity check runs (README "Evidence archive"); 0 = never on its own. Default one day. */
  readonly integrityEveryMs?: number;
  /** The centre's log (human lines); stderr otherwise. */
  readonly log?: (line: string) => void;
  /** Retention purge of the archive: every `intervalMs` (default daily), first after `firstDelayMs`; null = off. */
  readonly purge?: { readonly intervalMs?: number; readonly firstDelayMs?: number } | null;
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
  const archive = opts.archiveDir ? await ArchiveService.open(opts.archiveDir, opts.blobs) : null;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const today = () => opts.today ?? localToday();
  const notifier = new ChangeNotifier();
  const wallboard = new WallboardHub((team) => wallboardTotals(store, team, today()));
  notifier.subscribeAny(() => wallboard.changed());
  return {
    store,
    auth: await AuthService.create(store, opts.auth ?? DEFAULT_AUTH),
    notifier,
    wallboard,
    live: new LiveRegistry(opts.liveClock),
    // On PostgreSQL other centre processes may share the store: grants and barges are kept in it.
    monitor: new MonitorGrants(
      await tokenSecret(store),
      opts.liveClock,
      undefined,
      store.engine === 'postgres' ? { spent: new SqlSpentNonces(store.db), barges: new SqlBargeLedger(store.db) } : undefined,
    ),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    archive,
    integrity: archive ? new ArchiveIntegrityJob(store.db, archive, log) : null,
    mapping: opts.mapping ?? DEFAULT_MAPPING,
    today,
    letterFontPath: opts.letterFontPath ?? DEFAULT_LETTER_FONT,
  };
}

/** Opens the store, migrates it and starts listening. Errors are values. */
export async function startCenter(opts: CenterOptions): Promise<{ ok: true; center: RunningCenter } | { ok: false; message: string }> {
  let blobs = opts.blobs;
  if (opts.s3 && opts.archiveDir && !blobs) {
    // A bucket that is missing or refuses the keys stops the start, not the first agent's upload.
    // Loaded only here: the AWS SDK adds about half a second to every start of a centre that has no bucket.
    const { S3BlobStore } = await import('./archive/s3-blob-store');
    const s3 = new S3BlobStore(opts.s3, join(opts.archiveDir, 'incoming'));
    const problem = await s3.check();
    if (problem) return { ok: false, message: problem };
    blobs = s3;
  }
  const opened = await openStore(opts.store);
  if (!opened.ok) return opened;
  const context = await createContext(opened.store, { ...opts, blobs });
  const pg = opts.store.engine === 'postgres' ? opts.store : null;
  const relay = pg ? await startPgChangeRelay(pg.url, pg.schema, context.notifier) : null;
  const log = opts.log ?? ((line: string) => process.stderr.write(`centre: ${line}\n`));
  const liveRelay = pg ? await startPgLiveRelay(pg.url, pg.schema, opened.store.db, context.live, log) : null;
  let server: RunningServer;
  try {
    server = await startHttpServer(context, opts.listen);
  } catch (err) {
    await relay?.close();
    await liveRelay?.close();
    await opened.store.close();
    return { ok: false, message: `cannot listen on ${opts.listen.host}:${opts.listen.port}: ${(err as Error).message}` };
  }
  const every = opts.integrityEveryMs ?? DEFAULT_INTEGRITY_EVERY_MS;
  if (every > 0) context.integrity?.start(every);
  const purge = schedulePurge(context, opts.purge);
  const checks = startResultCheckJob(opened.store, opts.resultCheck, (line) => process.stderr.write(`centre: ${line}\n`));
  const reports = startReportJob(opened.store, context.today, (line) => process.stderr.write(`centre: ${line}\n`));
  const importReports = startImportReportPurge(opened.store, context.today, (line) => process.stderr.write(`centre: ${line}\n`));
  return {
    ok: true,
    center: {
      url: server.url,
      context,
      server,
      async close() {
        await context.integrity?.stop();
        await purge?.stop();
        await checks.stop();
        await reports.stop();
        await importReports.stop();
        await server.close();
        await relay?.close();
        await liveRelay?.close();
        await opened.store.close();
      },
    },
  };
}

/** Once a day by default (README "Evidence archive" → Retention). */
const PURGE_EVERY_MS = 24 * 3_600_000;

/** Starts the archive's retention purge (README "Evidence archive" → Retention) unless off or no archive. */
function schedulePurge(context: CenterContext, opts: CenterOptions['purge']): PeriodicJob | null {
  const archive = context.archive;
  if (!archive || opts === null) return null;
  return startPeriodicJob(() => purgeArchive(context.store.db, archive.blobs, { today: context.today(), dryRun: false, actor: 'system:retention' }), {
    intervalMs: opts?.intervalMs ?? PURGE_EVERY_MS,
    firstDelayMs: opts?.firstDelayMs ?? 60_000,
    onError: (err) => process.stderr.write(`centre: archive purge failed: ${(err as Error).message}\n`),
  });
}
