import { Dexie, type Table } from 'dexie';
import { cacheMigrations } from './migrations';
import type {
  QueueRow,
  SettingRecord,
  StoredAttempt,
  StoredCallback,
  StoredCallSession,
  StoredCase,
  StoredOutboxEntry,
  StoredPendingClose,
  StoredPhoneCorrection,
} from './records';

/** Default IndexedDB name of the workstation cache. */
export const DEFAULT_DB_NAME = 'huifang-workstation';

/**
 * The workstation's offline cache: one versioned Dexie database (see `migrations.ts`).
 * The queue, case view, wizard and outcome all read and write here; the sync engine moves data
 * between it and the centre. Tables hold `Stored…` rows (personal data sealed); read and write
 * them through the repositories in this folder, which seal before a transaction and open after.
 */
export class HuifangDb extends Dexie {
  cases!: Table<StoredCase, string>;
  queue!: Table<QueueRow, string>;
  attempts!: Table<StoredAttempt, string>;
  sessions!: Table<StoredCallSession, string>;
  callbacks!: Table<StoredCallback, string>;
  outbox!: Table<StoredOutboxEntry, string>;
  settings!: Table<SettingRecord, string>;
  phoneCorrections!: Table<StoredPhoneCorrection, string>;
  pendingCloses!: Table<StoredPendingClose, string>;

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
