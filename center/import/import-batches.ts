import type { Store } from '../store/open-store';
import { storeStagedChunk, type StagedCase } from '../store/import-repo';
import { centreCalendar } from '../calendar/calendar-years-repo';
import type { ColumnMapping } from './column-mapping';
import type { ColumnPlan } from './map-row';
import { RedFlagLedger } from './batch-red-flags';
import { PolicyLines } from './key-table';
import { validateRow, type AcceptedRow } from './validate-row';
import type { ImportProgress, ReportRow } from './import-report';
import type { RowSource } from './raw-table';

/**
 * Rows read, checked and stored together. Each batch is one transaction — a flush (SQLite's WAL
 * flushed before the commit is answered, sqlite-group-sync.ts; PostgreSQL's commit flush) and a round of statements, so 500-row batches spent
 * most of a large import on commits — and the only rows held in memory: 5 000 rows keep a batch's
 * write lock to a fraction of a second on SQLite and the import's memory to a few tens of megabytes.
 */
const CHUNK = 5000;
/**
 * Rows taken from the reader at a time (CHUNK is a multiple, so the batches are the same): a row's
 * cells are garbage soon after they are read instead of waiting in a batch of 5 000, and between
 * steps the batch being stored gets the event loop for its round trips.
 */
const READ_STEP = 500;

/** What importBatches needs of the import's options. */
interface BatchOptions {
  readonly mapping: ColumnMapping;
  readonly today: string;
  readonly onProgress?: (p: ImportProgress) => void;
}

/** An accepted row in its stored form; its red flags are set once its batch is read. */
type StagedRow = { -readonly [K in keyof StagedCase]: StagedCase[K] };
const NO_FLAGS: readonly string[] = Object.freeze([]);

function stageRow(a: AcceptedRow, holderPhone: string | null): StagedRow {
  const s = a.assessment;
  return {
    policyNo: a.data.policyNo,
    data: JSON.stringify(a.data),
    team: a.meta.team,
    language: a.meta.language,
    kind: a.meta.kind as StagedCase['kind'],
    returnMonth: a.meta.returnMonth ?? null,
    eligible: s.eligible,
    deadline: s.deadline,
    holderAge: s.holderAge,
    visitMode: s.visitMode,
    holderPhone,
    flags: NO_FLAGS,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads, checks and stores the file batch by batch; fills `report` in file order. While one batch
 * is being stored the next is read, checked and its numbers looked up (on PostgreSQL the server
 * writes the rows meanwhile; on SQLite the WAL is flushed); a batch's transaction starts only once
 * the batch before has committed, so batches commit in file order and a failure leaves the batches
 * before it whole, as before.
 */
export async function importBatches(
  store: Store,
  opts: BatchOptions,
  source: RowSource,
  plan: ColumnPlan,
  report: ReportRow[],
  storedUpTo: (line: number) => void,
) {
  const calendar = await centreCalendar(store);
  const seen = new PolicyLines();
  const ledger = new RedFlagLedger(seen);
  /** Report position of each ledger row (accepted rows only). */
  const ledgerReport: number[] = [];
  const touched = new Set<string>();
  let done = 0;
  /** The batch being stored (its report lines filled in when it has committed). */
  let storing: Promise<void> | null = null;
  let staged: StagedRow[] = [];
  let from = 0;
  let inBatch = 0;
  let lastLine = 0;

  const storeBatch = async (rows: StagedRow[], first: number, upTo: number, doneNow: number) => {
    const stored = await storeStagedChunk(store, rows, opts.today);
    stored.touched.forEach((t) => touched.add(t));
    rows.forEach((s, k) => {
      const outcome = stored.outcomes[k]!;
      if (outcome === 'not_eligible') return; // reported with reasons when read
      const at = ledgerReport[first + k]!;
      const line = report[at]!.line;
      report[at] = s.flags.length > 0 ? { line, policyNo: s.policyNo, outcome, flags: s.flags } : { line, policyNo: s.policyNo, outcome };
    });
    storedUpTo(upTo);
    opts.onProgress?.({ phase: 'store', done: doneNow, total: source.total });
  };

  const flush = async () => {
    opts.onProgress?.({ phase: 'validate', done, total: source.total });
    // The stored cases on this batch's numbers may be looked up while the batch before is still
    // being stored: the look-up leaves out every policy the file has given, the only cases that batch writes.
    await ledger.loadStored(store, from);
    const flags = ledger.flagsFrom(from);
    staged.forEach((s, k) => (s.flags = flags[k]!));
    if (storing) await storing;
    storing = storeBatch(staged, from, lastLine, done);
    storing.catch(() => undefined); // awaited before the next batch or at the end, which report it
    staged = [];
    from = ledgerReport.length;
    inBatch = 0;
  };

  try {
    for await (const rows of source.batches(READ_STEP)) {
      if (rows.length === 0) continue;
      // Each accepted row is turned into its stored form at once: the case object, its mapped input
      // and its cells are garbage by the next row, and the batch keeps only texts and numbers.
      for (const raw of rows) {
        const v = validateRow(raw, plan, opts.mapping, seen, opts.today, calendar);
        if (!v.ok) {
          report.push(v.report);
          continue;
        }
        const a = v.row;
        // The ledger parses the phones once: the stored row's index number comes from it.
        const index = ledger.add(a.data, a.assessment.flags);
        ledgerReport.push(report.length);
        staged.push(stageRow(a, ledger.indexedPhoneOf(index)));
        report.push({ line: a.line, policyNo: a.data.policyNo, outcome: 'not_eligible', reasons: a.assessment.reasons });
      }
      done += rows.length;
      inBatch += rows.length;
      lastLine = rows[rows.length - 1]!.line;
      if (inBatch >= CHUNK) await flush();
      else if (storing) await nextTurn();
    }
    if (inBatch > 0) await flush();
    if (storing) await storing;
  } catch (err) {
    // Whatever failed, the batch under way ends first: the failure then names what is stored.
    await (storing as Promise<void> | null)?.catch(() => undefined);
    throw err;
  }
  return { touched, ledger, ledgerReport };
}
