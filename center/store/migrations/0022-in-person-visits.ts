import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0022: in-person call-backs (上门回访, docs/domain.md §4). A visit is one row; its
 * uploaded documents (the signed questionnaire, the ID copy) are rows pointing at encrypted blobs
 * in the archive's blob store. A visit without the ID copy is kept, marked invalid, so the branch
 * can add the copy later. Same SQL on SQLite and PostgreSQL.
 */
export const inPersonVisitsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table in_person_visits (
      id text primary key,
      policy_no text not null references cases(policy_no),
      branch_code text not null,
      status text not null,
      visited_on text not null,
      answers text not null,
      result_class text,
      result_kinds text,
      recorded_by text not null,
      recorded_at text not null,
      version integer not null
    )`.execute(db);
    await sql`create index in_person_visits_policy on in_person_visits (policy_no)`.execute(db);
    await sql`create table visit_documents (
      id text primary key,
      visit_id text not null references in_person_visits(id),
      part text not null,
      media_type text not null,
      size integer not null,
      blob_key text not null,
      uploaded_by text not null,
      uploaded_at text not null
    )`.execute(db);
    await sql`create index visit_documents_visit on visit_documents (visit_id)`.execute(db);
  },
};
