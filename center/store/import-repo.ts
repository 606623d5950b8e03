import { sql } from 'kysely';
import type { PolicyCase } from '../../shared/domain/case';
import type { Store } from './open-store';
import { appendChanges, changeFeedTransaction, type ChangeOp } from './changes-repo';
import { QUEUE_STATUSES } from './case-row';
import { nowIso } from './clock';
import { casePriority } from '../assign/priority';
import { indexedPhone } from '../import/batch-red-flags';
import { insertCaseValues } from './bulk-insert-cases';

/** What an import decided about a case, kept in its own columns. */
interface CaseColumns {
  readonly team: string;
  readonly language: string;
  readonly kind: 'new' | 'verification' | 'returned';
  readonly returnMonth: string | null;
  readonly eligible: boolean;
  readonly deadline: string | null;
  readonly holderAge: number | null;
  readonly visitMode: 'human_phone' | 'phone';
  readonly flags: readonly string[];
}

/** A validated, assessed row ready to store. */
export interface PreparedCase extends CaseColumns {
  readonly line: number;
  readonly data: PolicyCase;
  /** The number the case is indexed under, when the caller has parsed it already (else parsed here). */
  readonly holderPhone?: string | null;
}

/**
 * A case in the form it is stored: its JSON text and the columns an import sets. An import turns
 * each accepted row into this at once, so a batch holds no case objects while it waits for its
 * red flags and its transaction (they were most of what the garbage collector copied).
 */
export interface StagedCase extends CaseColumns {
  readonly policyNo: string;
  /** `JSON.stringify` of the case. */
  readonly data: string;
  readonly holderPhone: string | null;
}

/** The stored form of a prepared case. */
function stage(p: PreparedCase): StagedCase {
  return {
    policyNo: p.data.policyNo,
    data: JSON.stringify(p.data),
    team: p.team,
    language: p.language,
    kind: p.kind,
    returnMonth: p.returnMonth,
    eligible: p.eligible,
    deadline: p.deadline,
    holderAge: p.holderAge,
    visitMode: p.visitMode,
    holderPhone: p.holderPhone !== undefined ? p.holderPhone : indexedPhone(p.data),
    flags: p.flags,
  };
}

/** Per-row storage outcome. */
export type StoreOutcome = 'inserted' | 'updated' | 'unchanged' | 'kept_in_progress' | 'not_eligible' | 'reopened';

const REOPENABLE = ['completed', 'awaiting_branch'];

/** JSON of each frozen flag list met: an import shares one frozen list among all rows with the same flags. */
const flagsJson = new WeakMap<readonly string[], string>();
function flagsText(flags: readonly string[]): string {
  if (!Object.isFrozen(flags)) return JSON.stringify(flags); // a list that may still change
  let json = flagsJson.get(flags);
  if (json === undefined) flagsJson.set(flags, (json = JSON.stringify(flags)));
  return json;
}

function fields(p: StagedCase, today: string) {
  return {
    data: p.data,
    team: p.team,
    language: p.language,
    holder_age: p.holderAge,
    holder_phone: p.holderPhone,
    visit_mode: p.visitMode,
    kind: p.kind,
    deadline: p.deadline,
    flags: flagsText(p.flags),
    return_month: p.returnMonth,
    priority: casePriority(p.kind, p.returnMonth, false, today),
  };
}

/** The columns of a new case, in `CASE_COLUMNS` order (bulk-insert-cases.ts), appended to `out`. */
function pushNewCase(out: unknown[], p: StagedCase, today: string, at: string): void {
  out.push(
    p.policyNo,
    p.data,
    p.team,
    p.language,
    p.holderAge,
    p.holderPhone,
    p.visitMode,
    p.kind,
    !p.eligible ? 'closed' : p.kind === 'new' ? 'pending' : 'returned', // status
    casePriority(p.kind, p.returnMonth, false, today),
    p.deadline,
    0, // escalated
    flagsText(p.flags),
    null, // assigned_to
    null, // assigned_at
    0, // attempt_count
    null, // result_class
    null, // result_by
    null, // result_item_id
    null, // result_override
    p.eligible ? null : 'not_eligible', // closed_reason
    p.returnMonth,
    1, // version
    at, // imported_at
    at, // updated_at
  );
}

/**
 * Stores one chunk of an import in one transaction. New policies are inserted; known ones are
 * updated only while nobody has worked on them (no attempt, not finished) — a case in progress
 * keeps its data. Finished cases come back only as verification/returned work (reopened).
 * Agents holding an updated case get a change in their feed.
 */
export async function storeImportChunk(store: Store, chunk: readonly PreparedCase[], today: string) {
  return storeStagedChunk(store, chunk.map(stage), today);
}

/** `storeImportChunk` of cases already in their stored form. */
export async function storeStagedChunk(store: Store, chunk: readonly StagedCase[], today: string) {
  return changeFeedTransaction(store, async (trx) => {
    const nos = chunk.map((p) => p.policyNo);
    // PostgreSQL: one array parameter (a chunk's thousands of `in` parameters are parsed and planned each time).
    const existing = await trx
      .selectFrom('cases')
      .selectAll()
      .where((eb) => (store.engine === 'postgres' ? sql<boolean>`policy_no = any(${nos}::text[])` : eb('policy_no', 'in', nos)))
      .execute();
    const byNo = new Map(existing.map((r) => [r.policy_no, r]));
    const at = nowIso();
    const outcomes: StoreOutcome[] = [];
    const inserts: unknown[] = [];
    const changes: { staffNo: string; policyNo: string; op: ChangeOp; reason: string }[] = [];

    for (const p of chunk) {
      const row = byNo.get(p.policyNo);
      if (!row) {
        pushNewCase(inserts, p, today, at);
        outcomes.push(p.eligible ? 'inserted' : 'not_eligible');
        continue;
      }
      const f = fields(p, today);
      if (REOPENABLE.includes(row.status) && p.kind !== 'new' && p.eligible) {
        await trx
          .updateTable('cases')
          .set((eb) => ({ ...f, status: 'returned', escalated: 0, version: eb('version', '+', 1), updated_at: at }))
          .where('policy_no', '=', row.policy_no)
          .execute();
        outcomes.push('reopened');
        continue;
      }
      const frozen =
        Number(row.attempt_count) > 0 ||
        (row.status !== 'pending' && row.status !== 'assigned' && row.status !== 'returned' && row.closed_reason !== 'not_eligible');
      if (frozen) {
        outcomes.push('kept_in_progress');
        continue;
      }
      const same =
        row.data === f.data &&
        row.team === f.team &&
        row.language === f.language &&
        row.kind === f.kind &&
        row.flags === f.flags &&
        row.deadline === f.deadline;
      if (same && (row.closed_reason === 'not_eligible') === !p.eligible) {
        outcomes.push(p.eligible ? 'unchanged' : 'not_eligible');
        continue;
      }
      const status = !p.eligible ? 'closed' : row.status === 'closed' ? 'pending' : row.status;
      await trx
        .updateTable('cases')
        .set((eb) => ({ ...f, status, closed_reason: p.eligible ? null : 'not_eligible', version: eb('version', '+', 1), updated_at: at }))
        .where('policy_no', '=', row.policy_no)
        .execute();
      if (row.assigned_to && QUEUE_STATUSES.includes(row.status as never)) {
        changes.push({ staffNo: row.assigned_to, policyNo: row.policy_no, op: p.eligible ? 'upsert' : 'drop', reason: p.eligible ? 'reimported' : 'closed' });
      }
      outcomes.push(p.eligible ? 'updated' : 'not_eligible');
    }
    await insertCaseValues(trx, store.engine, inserts);
    await appendChanges(trx, changes);
    return { outcomes, touched: [...new Set(changes.map((c) => c.staffNo))] };
  });
}

/**
 * Corrects the flags of cases an import stored before the rest of its file was read (a number
 * shared with rows further down). A case whose stored flags differ is updated like any re-imported
 * case — new version, a change in the feed of the agent holding it — except a case in progress,
 * which keeps what it has. Returns the policies whose row changed and the agents to notify.
 */
export async function correctImportFlags(store: Store, fixes: readonly { policyNo: string; flags: readonly string[] }[]) {
  const changed = new Set<string>();
  const touched = new Set<string>();
  for (let i = 0; i < fixes.length; i += 500) {
    const part = fixes.slice(i, i + 500);
    await changeFeedTransaction(store, async (trx) => {
      const rows = await trx
        .selectFrom('cases')
        .select(['policy_no', 'flags', 'status', 'assigned_to'])
        .where(
          'policy_no',
          'in',
          part.map((f) => f.policyNo),
        )
        .execute();
      const byNo = new Map(rows.map((r) => [r.policy_no, r]));
      const at = nowIso();
      const changes: { staffNo: string; policyNo: string; op: ChangeOp; reason: string }[] = [];
      for (const f of part) {
        const row = byNo.get(f.policyNo);
        const flags = JSON.stringify(f.flags);
        if (!row || row.flags === flags) continue;
        await trx
          .updateTable('cases')
          .set((eb) => ({ flags, version: eb('version', '+', 1), updated_at: at }))
          .where('policy_no', '=', f.policyNo)
          .execute();
        changed.add(f.policyNo);
        if (row.assigned_to && QUEUE_STATUSES.includes(row.status as never)) {
          changes.push({ staffNo: row.assigned_to, policyNo: f.policyNo, op: 'upsert', reason: 'reimported' });
          touched.add(row.assigned_to);
        }
      }
      await appendChanges(trx, changes);
    });
  }
  return { changed, touched: [...touched] };
}
