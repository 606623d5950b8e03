import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type SqliteDatabase } from 'kysely';

/**
 * Durability of the SQLite store without an fsync on the event loop per commit.
 *
 * With `synchronous = FULL` every commit fsyncs the WAL inside better-sqlite3's synchronous call:
 * the whole centre stopped for one disk flush per push (20 ms median, 60–200 ms at p95 on a busy
 * disk), and 300 workstations queued behind each other. Instead the connection runs
 * `synchronous = NORMAL` (a commit only writes the WAL; SQLite documents that a WAL database stays
 * consistent and a commit survives a crash of the process) and, before a write's caller is
 * answered, the WAL file is fsynced here, asynchronously on libuv's thread pool. Every write
 * committed before one flush starts is covered by it, so concurrent pushes share one flush (group
 * commit) and an acknowledged push survives a crash of the machine, as with FULL.
 *
 * Checkpoints (copying the WAL back into the database, with their own fsyncs) run in a worker
 * thread on a connection of its own; the serving connection checkpoints only as a safety net when
 * the WAL has grown large (the worker stopped).
 */
export class WalGroupSync {
  private handle: { fh: FileHandle; ino: number } | null = null;
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private started = 0;

  constructor(private readonly file: string) {}

  /** Resolves once every write committed before this call is on disk. */
  sync(): Promise<void> {
    if (!this.inFlight) return this.start();
    // The flush under way may have started before the caller's commit: wait for the next one.
    this.next ??= this.inFlight.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<void> {
    this.next = null;
    return this.start();
  }

  private start(): Promise<void> {
    const p = this.flush().finally(() => {
      if (this.inFlight === p) this.inFlight = null;
    });
    this.inFlight = p;
    return p;
  }

  /** Flushes started so far (shared flushes show as fewer flushes than writes). */
  get flushes(): number {
    return this.started;
  }

  private async flush(): Promise<void> {
    this.started++;
    const wal = `${this.file}-wal`;
    const held = this.handle;
    // The WAL file is normally the one already open: its flush and the check that it still is run
    // side by side (one trip through the thread pool instead of two before every commit's answer).
    const [{ ino }] = await Promise.all([stat(wal), held?.fh.datasync()]);
    if (held?.ino === ino) return;
    await held?.fh.close().catch(() => undefined);
    const fh = await open(wal, 'r');
    this.handle = { fh, ino };
    // A new WAL file's directory entry must be on disk too.
    const dir = await open(dirname(wal), 'r');
    await dir.sync().finally(() => dir.close());
    await fh.datasync();
  }

  async close(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    await this.handle?.fh.close().catch(() => undefined);
    this.handle = null;
  }
}

/** Pages of WAL after which the serving connection checkpoints itself (the worker normally keeps it far smaller). */
const SAFETY_CHECKPOINT_PAGES = 20_000;
const CHECKPOINT_EVERY_MS = 1000;

/** Sets the serving connection up for `WalGroupSync` (see there). */
export function configureForGroupSync(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_CHECKPOINT_PAGES}`);
}

/** A worker thread checkpointing `file` every second (PASSIVE: never waits for the serving connection). */
export function startCheckpointer(file: string): { stop(): Promise<void> } {
  const code = `
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.every);
    parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { file, every: CHECKPOINT_EVERY_MS, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  worker.on('error', () => undefined); // the safety checkpoint takes over
  return {
    async stop() {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback)\b/i;

/**
 * Kysely's SQLite dialect whose connection, once released after a write, waits for `groupSync`
 * before its caller goes on — released first, so the next transaction need not wait for the disk.
 */
export function groupSyncDialect(database: SqliteDatabase, groupSync: WalGroupSync): SqliteDialect {
  let dirty = false;
  const tracked: SqliteDatabase = {
    close: () => database.close(),
    prepare(sql: string) {
      const stmt = database.prepare(sql);
      // Over-marking (a rollback, a failed write) costs one flush, never durability.
      if (!stmt.reader && !TRANSACTION_CONTROL.test(sql)) dirty = true;
      return stmt;
    },
  };
  class GroupSyncDriver extends SqliteDriver {
    override async releaseConnection(): Promise<void> {
      const wrote = dirty;
      dirty = false;
      await super.releaseConnection();
      if (wrote) await groupSync.sync();
    }
  }
  return new (class extends SqliteDialect {
    override createDriver() {
      return new GroupSyncDriver({ database: tracked });
    }
  })({ database: tracked });
}
