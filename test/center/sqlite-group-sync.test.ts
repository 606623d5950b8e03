import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openStore, type Store } from '../../center/store/open-store';
import { WalGroupSync } from '../../center/store/sqlite-group-sync';

// center/README.md "Storage": the SQLite store flushes its WAL before a write's caller goes on,
// many writes per flush, off the event loop — an acknowledged push survives a crash of the machine.

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'huifang-groupsync-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function fileStore(): Promise<Store> {
  const o = await openStore({ engine: 'sqlite', file: join(dir, 'center.sqlite') });
  if (!o.ok) throw new Error(o.message);
  return o.store;
}

describe('the SQLite group flush', () => {
  it('writes that wait together share one flush of the WAL', async () => {
    const store = await fileStore();
    await store.close();
    const wal = new Database(join(dir, 'center.sqlite'));
    wal.pragma('journal_mode = WAL');
    const sync = new WalGroupSync(join(dir, 'center.sqlite'));
    try {
      await Promise.all(Array.from({ length: 20 }, () => sync.sync()));
      expect(sync.flushes).toBeLessThanOrEqual(2);
      expect(sync.flushes).toBeGreaterThanOrEqual(1);
    } finally {
      await sync.close();
      wal.close();
    }
  });

  it('a write that asks while a flush is under way waits for a flush that starts after it', async () => {
    const store = await fileStore();
    await store.close();
    const wal = new Database(join(dir, 'center.sqlite'));
    wal.pragma('journal_mode = WAL');
    const sync = new WalGroupSync(join(dir, 'center.sqlite'));
    try {
      const first = sync.sync();
      expect(sync.flushes).toBe(1);
      const second = sync.sync();
      await first;
      await second;
      expect(sync.flushes).toBe(2);
    } finally {
      await sync.close();
      wal.close();
    }
  });

  it('the serving connection commits without a flush of its own (synchronous NORMAL, WAL) and every awaited write is kept', async () => {
    const store = await fileStore();
    try {
      const mode = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      expect(mode.rows[0]?.synchronous).toBe(1); // NORMAL
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.db
            .insertInto('settings')
            .values({ key: `k${i}`, value: String(i) })
            .execute(),
        ),
      );
    } finally {
      await store.close();
    }
    const again = await fileStore();
    try {
      const rows = await again.db.selectFrom('settings').select('key').where('key', 'like', 'k%').execute();
      expect(rows).toHaveLength(50);
    } finally {
      await again.close();
    }
  });
});
