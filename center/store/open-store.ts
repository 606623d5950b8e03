import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Transaction } from 'kysely';
import type { CenterDatabase } from './db-schema';
import type { StoreEngine } from './engine';
import { centerMigrations } from './migrations';
import { withStatementCache } from './statement-cache';
import { StorePostgresDialect } from './pg-store-dialect';
import { configureForGroupSync, groupSyncDialect, startCheckpointer, WalGroupSync } from './sqlite-group-sync';

/** Where the centre keeps its data: a SQLite file (embedded default) or a PostgreSQL URL. */
export type StoreConfig =
  | { readonly engine: 'sqlite'; readonly file: string }
  | {
      readonly engine: 'postgres';
      readonly url: string;
      /** Optional schema (created if missing) — lets tests and benches run side by side. */
      readonly schema?: string;
      readonly poolSize?: number;
    };

/** An open, migrated store. */
export interface Store {
  readonly db: Kysely<CenterDatabase>;
  readonly engine: StoreEngine;
  close(): Promise<void>;
}

/** Errors opening a store, as values. */
export type OpenStoreResult = { ok: true; store: Store } | { ok: false; message: string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the store and brings its schema to the newest version. */
export async function openStore(config: StoreConfig): Promise<OpenStoreResult> {
  let db: Kysely<CenterDatabase>;
  let onClose = async (): Promise<void> => undefined;
  try {
    if (config.engine === 'sqlite') {
      if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
      const sqlite = new Database(config.file);
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
      if (config.file === ':memory:') {
        db = new Kysely<CenterDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
      } else {
        // WAL, and each write flushed before its caller goes on, many writes per flush
        // (sqlite-group-sync.ts): an acknowledged push survives a crash of the process or machine.
        configureForGroupSync(sqlite);
        const groupSync = new WalGroupSync(config.file);
        const checkpointer = startCheckpointer(config.file);
        db = new Kysely<CenterDatabase>({ dialect: groupSyncDialect(withStatementCache(sqlite), groupSync) });
        onClose = async () => {
          await checkpointer.stop();
          await groupSync.close();
        };
      }
    } else {
      if (config.schema !== undefined && !SCHEMA_NAME.test(config.schema)) {
        return { ok: false, message: `invalid PostgreSQL schema name: ${config.schema}` };
      }
      const { default: pg } = await import('pg'); // only PostgreSQL deployments load the driver
      const pool = new pg.Pool({
        connectionString: config.url,
        max: config.poolSize ?? 10,
        connectionTimeoutMillis: 5000,
        ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
      });
      db = new Kysely<CenterDatabase>({ dialect: new StorePostgresDialect({ pool }) });
      if (config.schema) await sql`create schema if not exists ${sql.id(config.schema)}`.execute(db);
    }
  } catch (err) {
    return { ok: false, message: `cannot open the ${config.engine} store: ${(err as Error).message}` };
  }

  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => centerMigrations(config.engine) },
    // Kysely looks for its bookkeeping tables in every schema unless told which: a store in its own
    // schema would take another schema's tables for its own and fail ("kysely_migration_lock does not exist").
    ...(config.engine === 'postgres' && config.schema ? { migrationTableSchema: config.schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy().catch(() => undefined);
    await onClose();
    return { ok: false, message: `migration failed: ${(error as Error).message ?? String(error)}` };
  }
  const store: Store = {
    db,
    engine: config.engine,
    close: async () => {
      await db.destroy();
      await onClose();
    },
  };
  return { ok: true, store };
}

/**
 * Serialises writers of the `changes` feed on PostgreSQL so that sequence numbers become
 * visible in commit order (otherwise a reader could move its cursor past a change that commits
 * later). SQLite serialises writers already. Taken by `changeFeedTransaction` (changes-repo.ts) just
 * before a transaction's change rows are inserted, right before its commit.
 */
export async function lockChangeFeed(trx: Transaction<CenterDatabase>, engine: StoreEngine): Promise<void> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(72810601)`.execute(trx);
}
