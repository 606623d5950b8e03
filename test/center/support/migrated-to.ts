import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { centerMigrations } from '../../../center/store/migrations';
import type { StoreConfig } from '../../../center/store/open-store';
import type { EngineUnderTest } from './engines';

/** A store migrated only up to `last`, for a later migration's own test; `openStore(config)` then runs the rest. */
export async function openMigratedTo(engine: EngineUnderTest, last: string): Promise<{ db: Kysely<unknown>; config: StoreConfig; done(): Promise<void> }> {
  const fresh = await engine.open(); // a place to put it (file or schema), then rebuilt at `last`
  const config = fresh.config;
  await fresh.store.close();
  let db: Kysely<unknown>;
  if (config.engine === 'sqlite') {
    const { rmSync } = await import('node:fs');
    for (const suffix of ['', '-wal', '-shm']) rmSync(config.file + suffix, { force: true });
    db = new Kysely({ dialect: new SqliteDialect({ database: new Database(config.file) }) });
  } else {
    const admin = new pg.Client({ connectionString: config.url });
    await admin.connect();
    await admin.query(`drop schema ${config.schema} cascade; create schema ${config.schema}`);
    await admin.end();
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, options: `-c search_path=${config.schema}` }) }) });
  }
  // Kysely looks for its migration tables in every schema unless told which: another centre's schema
  // in the same database would otherwise pass for this one's.
  const migrated = await new Migrator({
    db,
    provider: { getMigrations: async () => centerMigrations(config.engine) },
    ...(config.engine === 'postgres' ? { migrationTableSchema: config.schema } : {}),
  }).migrateTo(last);
  if (migrated.error) throw migrated.error;
  return { db, config, done: fresh.dispose };
}
