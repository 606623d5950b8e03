import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0019: letter call-backs (信函回访, docs/domain.md §4). When phone attempts are
 * exhausted a branch prints a letter with the questionnaire; each printed letter is one row, keyed
 * by the print batch and the policy, so a reprint is a new batch and the history stays.
 * Same SQL on SQLite and PostgreSQL.
 */
export const visitLettersMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table visit_letters (
      batch_id text not null,
      policy_no text not null references cases(policy_no),
      branch_code text not null,
      status text not null,
      printed_by text not null,
      printed_at text not null,
      mailed_on text,
      answers text,
      result_class text,
      result_kinds text,
      version integer not null,
      primary key (batch_id, policy_no)
    )`.execute(db);
    await sql`create index visit_letters_policy on visit_letters (policy_no)`.execute(db);
  },
};
