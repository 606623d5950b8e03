/**
 * QA sampling benchmark. Figures:
 * - qa.sampling_1m_pg_ms / qa.sampling_1m_sqlite_ms … and `qa.sampling_1m_ms` (the PostgreSQL one,
 *   the name): QA's work list (center/qa/qa-work-list.ts `workList`, the function the
 *   route calls: the centre's sampling rules over every archived call of the period) over
 *   1 000 000 archived calls of two months by 3 000 agents, default rules;
 * - `…_scan_ms`: one plain read by the engine of the same calls (the columns the rules read), in
 *   the same run; `…_ratio` = work list / scan. Medians of 3 alternated repetitions, min/max beside.
 * HUIFANG_SAMPLING_ROWS overrides the count (quick runs); PostgreSQL needs HUIFANG_TEST_PG_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store, type StoreConfig } from '../center/store/open-store';
import { workList } from '../center/qa/qa-work-list';
import { dropPgSchema } from './lib/raw-bulk';
import { seedPgRows, seedSqliteRows } from './lib/bulk-seed';
import { SAMPLING_PERIOD, samplingRows } from '../test/center/support/sampled-archive';
import { median, ratioSpread, spread } from './lib/stats';
import type { Report } from './run';

const note = (s: string) => process.stderr.write(`qa sampling bench: ${s}\n`);
const ROWS = Number(process.env.HUIFANG_SAMPLING_ROWS ?? 1_000_000);
const REPS = 3;

async function open(config: StoreConfig): Promise<Store> {
  const o = await openStore(config);
  if (!o.ok) throw new Error(o.message);
  return o.store;
}

async function figure(report: Report, names: readonly string[], store: Store): Promise<void> {
  const lists: number[] = [];
  const scans: number[] = [];
  for (let i = 0; i < REPS; i++) {
    let t0 = performance.now();
    const { items, total } = await workList(store, SAMPLING_PERIOD);
    lists.push(performance.now() - t0);
    if (i === 0) note(`${names[0]}: ${total} calls need an evaluation out of ${ROWS} (${items.length} listed)`);
    if (items.length === 0) throw new Error('the work list is empty');
    t0 = performance.now();
    const scan = await sql<{ n: number | string }>`select count(*) as n, sum(length(session_id) + length(agent_id) + length(sample_week)
        + length(coalesce(outcome, '')) + gap_count) as chars
      from archived_sessions where sample_day >= ${SAMPLING_PERIOD.from} and sample_day <= ${SAMPLING_PERIOD.to}`.execute(store.db);
    scans.push(performance.now() - t0);
    if (Number(scan.rows[0]!.n) !== ROWS) throw new Error(`scan read ${String(scan.rows[0]!.n)}`);
  }
  for (const name of names) {
    report(`${name}_ms`, median(lists), 'ms', spread(lists));
    report(`${name}_scan_ms`, median(scans), 'ms', spread(scans));
    report(`${name}_ratio`, median(lists.map((l, i) => l / scans[i]!)), 'ratio', ratioSpread(lists, scans));
  }
}

export default async function qaSamplingBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(process.env.HUIFANG_BENCH_TMP ?? tmpdir(), 'qa-sampling-bench-'));
  const tables = ['archived_sessions', 'session_check_facts', 'result_checks'];
  try {
    const file = join(dir, 'sampling.sqlite');
    (await open({ engine: 'sqlite', file })).close();
    let t0 = performance.now();
    seedSqliteRows(file, () => samplingRows(ROWS));
    note(`seeded ${ROWS} SQLite calls in ${Math.round(performance.now() - t0)} ms`);
    const s = await open({ engine: 'sqlite', file });
    try {
      await figure(report, ['qa.sampling_1m_sqlite'], s);
    } finally {
      await s.close();
    }
    const url = process.env.HUIFANG_BENCH_PG_URL ?? process.env.HUIFANG_TEST_PG_URL;
    if (!url) return void note('qa.sampling_1m_pg_* skipped: set HUIFANG_TEST_PG_URL');
    const schema = `bench_sampling_${Date.now().toString(36)}`;
    (await open({ engine: 'postgres', url, schema })).close();
    t0 = performance.now();
    await seedPgRows(url, schema, tables, () => samplingRows(ROWS));
    note(`seeded ${ROWS} PostgreSQL calls in ${Math.round(performance.now() - t0)} ms`);
    const p = await open({ engine: 'postgres', url, schema });
    try {
      await figure(report, ['qa.sampling_1m', 'qa.sampling_1m_pg'], p);
    } finally {
      await p.close();
      await dropPgSchema(url, schema);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
