import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreConfig } from '../../../center/store/open-store';

/**
 * The store engines the centre's tests run against. SQLite always; PostgreSQL when
 * HUIFANG_TEST_PG_URL is set. With HUIFANG_REQUIRE_PG=1 a missing or unreachable PostgreSQL
 * fails the run instead of skipping (CI sets it).
 */
export interface EngineUnderTest {
  readonly name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty, migrated store; `dispose` removes it. */
  open(): Promise<{ store: Store; config: StoreConfig; dispose(): Promise<void> }>;
}

const pgUrl = process.env.HUIFANG_TEST_PG_URL;
const requirePg = process.env.HUIFANG_REQUIRE_PG === '1';
let warned = false;

/** Checks PostgreSQL once; throws when it is required and missing. */
export async function pgAvailable(): Promise<boolean> {
  if (!pgUrl) {
    if (requirePg) throw new Error('HUIFANG_REQUIRE_PG=1 but HUIFANG_TEST_PG_URL is not set');
    if (!warned) console.warn('[center tests] HUIFANG_TEST_PG_URL not set: PostgreSQL suites are SKIPPED');
    warned = true;
    return false;
  }
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    if (requirePg) throw new Error(`HUIFANG_REQUIRE_PG=1 but PostgreSQL is unreachable at ${pgUrl}: ${(err as Error).message}`);
    console.warn(`[center tests] PostgreSQL unreachable (${(err as Error).message}): PostgreSQL suites are SKIPPED`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

export const sqliteEngine: EngineUnderTest = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'huifang-center-'));
    const config: StoreConfig = { engine: 'sqlite', file: join(dir, 'center.sqlite') };
    const opened = await openStore(config);
    if (!opened.ok) throw new Error(opened.message);
    return {
      store: opened.store,
      config,
      async dispose() {
        await opened.store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: EngineUnderTest = {
  name: 'postgres',
  async open() {
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const config: StoreConfig = { engine: 'postgres', url: pgUrl as string, schema, poolSize: 4 };
    const opened = await openStore(config);
    if (!opened.ok) throw new Error(opened.message);
    return {
      store: opened.store,
      config,
      async dispose() {
        await opened.store.close().catch(() => undefined);
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  },
};

/** Engines to run: SQLite, plus PostgreSQL when available (decided at collection time). */
export async function enginesUnderTest(): Promise<EngineUnderTest[]> {
  return (await pgAvailable()) ? [sqliteEngine, postgresEngine] : [sqliteEngine];
}
