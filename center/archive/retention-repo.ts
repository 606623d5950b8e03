import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PolicyCase } from '../../shared/domain/case';
import { contractEndDate } from '../../shared/domain/policy-term';
import { DEFAULT_RETENTION_RULES, retainUntil, type Retention, type RetentionDispute, type RetentionRules } from '../../shared/domain/retention';
import type { CenterDatabase } from '../store/db-schema';

const KEY = 'archive_retention_rules';

/**
 * The centre's retention settings (docs/domain.md §11: configurable). Never below what the sources
 * require: 10 years after the contract and 2 after a dispute are 可回溯管理暂行办法 第13条's minimums;
 * the call rule may go down to 10 because with an unknown contract end it is the only date there is.
 */
export const retentionRulesSchema = z
  .object({
    yearsFromCall: z.number().int().min(10).max(100),
    yearsAfterContractEnd: z.number().int().min(10).max(100),
    yearsAfterDispute: z.number().int().min(2).max(100),
  })
  .strict();

/** The stored retention settings, or the defaults. */
export async function readRetentionRules(db: Kysely<CenterDatabase>): Promise<RetentionRules> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  const parsed = row ? retentionRulesSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : DEFAULT_RETENTION_RULES;
}

/** Stores the retention settings (validated by the caller). */
export async function writeRetentionRules(db: Kysely<CenterDatabase>, rules: RetentionRules): Promise<void> {
  const value = JSON.stringify(rules);
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The civil date in China (UTC+8) of an ISO instant: the day of the call. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The policy's last day from the centre's case data (policy term from the underwriting date,
 * `contractEndDate`); `undefined` when the centre holds no such case, null when the term has no
 * knowable end (whole life, "to age" without a birth date).
 */
export async function contractEndFromCase(db: Kysely<CenterDatabase>, policyNo: string | null): Promise<string | null | undefined> {
  if (policyNo === null) return undefined;
  const row = await db.selectFrom('cases').select('data').where('policy_no', '=', policyNo).executeTakeFirst();
  if (!row) return undefined;
  try {
    return contractEndDate(JSON.parse(row.data) as PolicyCase);
  } catch {
    return null; // stored data the rule cannot read: the end is unknown, said so in the row
  }
}

/** The disputes recorded on a policy. */
export async function disputesOf(db: Kysely<CenterDatabase>, policyNo: string | null): Promise<RetentionDispute[]> {
  if (policyNo === null) return [];
  const rows = await db.selectFrom('archive_disputes').select(['opened_on', 'ended_on']).where('policy_no', '=', policyNo).execute();
  return rows.map((r) => ({ opened: r.opened_on, ended: r.ended_on }));
}

/** Which archived sessions to recompute: one, a policy's, or every one not purged. */
export type RecomputeScope = { readonly sessionId: string } | { readonly policyNo: string } | 'all';

/** One recomputed session: its retention before and after. */
export interface RecomputedRow {
  readonly sessionId: string;
  readonly before: string | null;
  readonly after: Retention;
  readonly contractEnd: string | null;
}

/**
 * Recomputes and stores `retain_until` of the sessions in `scope` from the current facts: the case
 * data's contract end (else the one stored with the session), the policy's disputes, the settings.
 * Run when a session is archived, a dispute is recorded or ends, the settings change, and by the
 * purge before it deletes anything. Answers the rows whose retention changed.
 */
export async function recomputeRetention(db: Kysely<CenterDatabase>, scope: RecomputeScope, rules?: RetentionRules): Promise<RecomputedRow[]> {
  const r = rules ?? (await readRetentionRules(db));
  let q = db
    .selectFrom('archived_sessions')
    .select(['session_id', 'case_id', 'created_at', 'contract_end', 'retain_until', 'retention_basis'])
    .where('purged_at', 'is', null);
  if (scope !== 'all') q = 'sessionId' in scope ? q.where('session_id', '=', scope.sessionId) : q.where('case_id', '=', scope.policyNo);
  const changed: RecomputedRow[] = [];
  const perPolicy = new Map<string, { end: string | null | undefined; disputes: RetentionDispute[] }>();
  for (const row of await q.execute()) {
    const key = row.case_id ?? '';
    let facts = perPolicy.get(key);
    if (!facts) {
      facts = { end: await contractEndFromCase(db, row.case_id), disputes: await disputesOf(db, row.case_id) };
      perPolicy.set(key, facts);
    }
    const contractEnd = facts.end === undefined ? row.contract_end : facts.end;
    const after = retainUntil({ callDate: chinaDate(row.created_at), contractEnd, disputes: facts.disputes }, r);
    if (after.until === row.retain_until && after.basis === row.retention_basis && contractEnd === row.contract_end) continue;
    await db
      .updateTable('archived_sessions')
      .set({ retain_until: after.until, retention_basis: after.basis, contract_end: contractEnd })
      .where('session_id', '=', row.session_id)
      .execute();
    changed.push({ sessionId: row.session_id, before: row.retain_until, after, contractEnd });
  }
  return changed;
}
