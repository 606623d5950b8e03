/**
 * Management report benchmarks. Figures:
 * - center.report_month_1m_sqlite_ms / center.report_month_1m_pg_ms: the month's management report
 *   (center/reports/build-report.ts, all teams) over 1 000 000 results of that month (and a work order
 *   for each non-standard one), beside `…_scan_ms`: one plain read, by the engine itself, of the same
 *   cases and the columns a report needs (their JSON included: it holds channel, branch and
 *   product), in the same run; `…_ratio` = report / scan (goal ≤ 3; absolute goal ≤ 2 000 ms on
 *   PostgreSQL). The report now runs in the database, so the scan does too: a scan that also
 *   shipped a million rows to Node (the former baseline, 15–20 s) would flatter any report that
 *   does not. Medians of 3 alternated repetitions, min/max beside. HUIFANG_REPORT_ROWS overrides
 *   the count (quick runs); the PostgreSQL figure needs HUIFANG_TEST_PG_URL. The PostgreSQL report
 * must come out as SQLite's (its orders are loaded without migration 0030's trigger: report-seed.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store, type StoreConfig } from '../center/store/open-store';
import { buildReport } from '../center/reports/build-report';
import type { ManagementReport } from '../shared/sync';
import { resolvePeriod, type PeriodRange } from '../center/reports/report-period';
import { dropPgSchema } from './lib/raw-bulk';
import { seedPg, seedSqlite } from './lib/report-seed';
import { median, ratioSpread, spread } from './lib/stats';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;
const note = (s: string) => process.stderr.write(`report bench: ${s}\n`);
const ROWS = Number(process.env.HUIFANG_REPORT_ROWS ?? 1_000_000);
const MONTH = '2026-02';
const REPS = 3;

async function open(config: StoreConfig): Promise<Store> {
  const o = await openStore(config);
  if (!o.ok) throw new Error(o.message);
  return o.store;
}

/** A report's figures without its generation time: what two engines must agree on. */
const figures = ({ generatedAt: _at, ...rest }: ManagementReport) => JSON.stringify(rest);

async function figure(report: Report, name: string, store: Store): Promise<string> {
  const range = resolvePeriod(MONTH, '2026-03-10') as PeriodRange;
  const reports: number[] = [];
  const scans: number[] = [];
  let last = '';
  for (let i = 0; i < REPS; i++) {
    let t0 = performance.now();
    const r = await buildReport(store, range, null, '2026-03-10');
    last = figures(r);
    reports.push(performance.now() - t0);
    if (r.total.due !== ROWS) throw new Error(`report saw ${r.total.due} cases due, expected ${ROWS}`);
    t0 = performance.now();
    const scan = await sql<{ n: number | string }>`select count(*) as n, sum(length(policy_no) + length(data) + length(coalesce(result_class, ''))
        + length(coalesce(result_by, '')) + length(coalesce(assigned_to, '')) + length(team)) as chars
      from cases where deadline >= ${range.from} and deadline <= ${range.to} and status <> 'closed'`.execute(store.db);
    scans.push(performance.now() - t0);
    if (Number(scan.rows[0]!.n) !== ROWS) throw new Error(`scan read ${String(scan.rows[0]!.n)}`);
  }
  report(`${name}_ms`, median(reports), 'ms', spread(reports));
  report(`${name}_scan_ms`, median(scans), 'ms', spread(scans));
  report(`${name}_ratio`, median(reports.map((r, i) => r / scans[i]!)), 'ratio', ratioSpread(reports, scans));
  return last;
}

export default async function reportBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(process.env.HUIFANG_BENCH_TMP ?? tmpdir(), 'report-bench-'));
  try {
    const file = join(dir, 'report.sqlite');
    (await open({ engine: 'sqlite', file })).close();
    let t0 = performance.now();
    seedSqlite(file, ROWS, MONTH);
    note(`seeded ${ROWS} SQLite rows in ${Math.round(performance.now() - t0)} ms`);
    const s = await open({ engine: 'sqlite', file });
    let sqliteFigures: string;
    try {
      sqliteFigures = await figure(report, 'center.report_month_1m_sqlite', s);
    } finally {
      await s.close();
    }
    const url = process.env.HUIFANG_BENCH_PG_URL ?? process.env.HUIFANG_TEST_PG_URL;
    if (!url) {
      note('center.report_month_1m_pg_* skipped: set HUIFANG_TEST_PG_URL');
      return;
    }
    const schema = `bench_report_${Date.now().toString(36)}`;
    (await open({ engine: 'postgres', url, schema })).close();
    t0 = performance.now();
    await seedPg(url, schema, ROWS, MONTH);
    note(`seeded ${ROWS} PostgreSQL rows in ${Math.round(performance.now() - t0)} ms`);
    const p = await open({ engine: 'postgres', url, schema });
    try {
      if ((await figure(report, 'center.report_month_1m_pg', p)) !== sqliteFigures) throw new Error('the PostgreSQL report differs from the SQLite one');
    } finally {
      await p.close();
      await dropPgSchema(url, schema);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
