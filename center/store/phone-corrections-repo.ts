import type { Kysely } from 'kysely';
import type { PhoneCorrectionItem, PhoneCorrectionReview, PulledPhoneCorrection } from '../../shared/sync';
import type { CenterDatabase, PhoneCorrectionsTable } from './db-schema';
import { nowIso } from './clock';

/** Most policy numbers per `in (…)` list (well under both engines' parameter limits). */
const CHUNK = 500;

function reviewOf(r: PhoneCorrectionsTable): PhoneCorrectionReview | null {
  if (r.review_decision !== 'accepted' && r.review_decision !== 'rejected') return null;
  return { decision: r.review_decision, note: r.review_note, reviewedBy: r.reviewed_by ?? '', reviewedAt: r.reviewed_at ?? '' };
}

function toPulled(r: PhoneCorrectionsTable): PulledPhoneCorrection {
  return {
    id: r.id,
    policyNo: r.policy_no,
    original: r.original,
    corrected: r.corrected,
    reason: r.reason,
    correctedBy: r.corrected_by,
    correctedAt: r.corrected_at,
  };
}

/**
 * Phone corrections (号码更正, migration 0005): every number corrected at a desk, kept with the
 * original, who and when. Written by the push, read by the pull (with their cases) and by the
 * branch listing.
 */
export const phoneCorrectionsRepo = {
  /** Stores a pushed correction inside the push transaction, attributed to `staffNo` (the caller). */
  async insert(trx: Kysely<CenterDatabase>, item: PhoneCorrectionItem, staffNo: string): Promise<void> {
    await trx
      .insertInto('phone_corrections')
      .values({
        id: item.id,
        policy_no: item.policyNo,
        original: item.data.original,
        corrected: item.data.corrected,
        reason: item.data.reason,
        corrected_by: staffNo,
        corrected_at: item.occurredAt,
        received_at: nowIso(),
      })
      .execute();
  },

  /** Every correction of the given cases, from every desk, oldest first (per case). */
  async forCases(db: Kysely<CenterDatabase>, policyNos: readonly string[]): Promise<PulledPhoneCorrection[]> {
    const out: PulledPhoneCorrection[] = [];
    for (let i = 0; i < policyNos.length; i += CHUNK) {
      const rows = await db
        .selectFrom('phone_corrections')
        .selectAll()
        .where('policy_no', 'in', policyNos.slice(i, i + CHUNK))
        .orderBy('policy_no')
        .orderBy('corrected_at')
        .orderBy('id')
        .execute();
      out.push(...rows.map(toPulled));
    }
    return out;
  },

  /**
   * Corrections of one team's cases (all teams when `team` is undefined) stored at or after
   * `since` (UTC ISO as `nowIso` writes it, inclusive; null: all), oldest first, at most `limit`.
   * `receivedAt` lets the branch continue from the last one it saw.
   */
  async forTeam(db: Kysely<CenterDatabase>, opts: { team?: string; since: string | null; limit: number; pending?: boolean }) {
    let q = db.selectFrom('phone_corrections as p').innerJoin('cases as c', 'c.policy_no', 'p.policy_no').selectAll('p').select('c.team');
    if (opts.team) q = q.where('c.team', '=', opts.team);
    if (opts.since) q = q.where('p.received_at', '>=', opts.since);
    if (opts.pending) q = q.where('p.review_decision', 'is', null);
    const rows = await q.orderBy('p.received_at').orderBy('p.id').limit(opts.limit).execute();
    return rows.map((r) => ({ ...toPulled(r), team: r.team, receivedAt: r.received_at, review: reviewOf(r) }));
  },

  /** One correction with its case's team (undefined: no such id). */
  async withTeam(db: Kysely<CenterDatabase>, id: string) {
    const r = await db
      .selectFrom('phone_corrections as p')
      .innerJoin('cases as c', 'c.policy_no', 'p.policy_no')
      .selectAll('p')
      .select('c.team')
      .where('p.id', '=', id)
      .executeTakeFirst();
    return r ? { ...toPulled(r), team: r.team, review: reviewOf(r) } : undefined;
  },

  /**
   * Records a lead's review unless one is already stored (a review is final: the branch may have
   * acted on it). Answers false when another review got there first.
   */
  async review(db: Kysely<CenterDatabase>, id: string, review: PhoneCorrectionReview): Promise<boolean> {
    const r = await db
      .updateTable('phone_corrections')
      .set({ review_decision: review.decision, review_note: review.note, reviewed_by: review.reviewedBy, reviewed_at: review.reviewedAt })
      .where('id', '=', id)
      .where('review_decision', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
