import { Dexie, type Table } from 'dexie';
import { cacheMigrations } from './migrations';
import type {
  AttemptRecord,
  CachedCase,
  CallbackRecord,
  CallSessionRecord,
  OutboxEntry,
  PendingClose,
  PhoneCorrection,
  QueueRow,
  SettingRecord,
} from './records';

/** Default IndexedDB name of the workstation cache. */
export const DEFAULT_DB_NAME = 'huifang-workstation';

/**
 * The workstation's offline cache: one versioned Dexie database (see `migrations.ts`).
 * The queue, case view, wizard and outcome all read and write here; the sync engine moves data
 * between it and the centre.
 */
export class HuifangDb extends Dexie {
  cases!: Table<CachedCase, string>;
  queue!: Table<QueueRow, string>;
  attempts!: Table<AttemptRecord, string>;
  sessions!: Table<CallSessionRecord, string>;
  callbacks!: Table<CallbackRecord, string>;
  outbox!: Table<OutboxEntry, string>;
  settings!: Table<SettingRecord, string>;
  phoneCorrections!: Table<PhoneCorrection, string>;
  pendingCloses!: Table<PendingClose, string>;

  constructor(name: string = DEFAULT_DB_NAME, upTo: number = Number.POSITIVE_INFINITY) {
    super(name);
    for (const m of cacheMigrations) {
      if (m.version > upTo) break;
      const v = this.version(m.version).stores(m.stores);
      if (m.upgrade) v.upgrade(m.upgrade);
    }
  }
}

let current: HuifangDb | null = null;

/** The cache of this window (opened lazily). */
export function cacheDb(): HuifangDb {
  current ??= new HuifangDb();
  return current;
}

/** Replaces the cache instance (tests, benchmarks); closes the previous one. */
export function setCacheDb(db: HuifangDb): void {
  if (current && current !== db) current.close();
  current = db;
}
