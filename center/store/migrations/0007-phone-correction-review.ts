import { sql, type Kysely } from 'kysely';

/**
 * Seventh schema version: a team lead's review of a phone correction (号码更正复核). An unreachable
 * number is corrected at the desk (docs/domain.md §4); the lead checks the correction before the
 * branch updates the core system.
 * `review_decision` is `accepted` or `rejected` (null: not reviewed yet), `review_note` the lead's
 * optional note, `reviewed_by`/`reviewed_at` who and when. Existing rows stay unreviewed.
 *
 * Same SQL on SQLite and PostgreSQL (one column per statement: SQLite adds only one at a time).
 */
export const phoneCorrectionReviewMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table phone_corrections add column review_decision text`.execute(db);
    await sql`alter table phone_corrections add column review_note text`.execute(db);
    await sql`alter table phone_corrections add column reviewed_by text`.execute(db);
    await sql`alter table phone_corrections add column reviewed_at text`.execute(db);
  },
};
