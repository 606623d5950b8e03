import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0031: visit documents (signed questionnaires and ID copies) leave the archive when
 * their retention ends, like recordings (docs/domain.md §9, §11; center/visits/document-retention.ts).
 * The row stays as a tombstone — when and why it was purged — so a visit still shows that its
 * documents existed; the sealed blob is removed.
 */
export const visitDocumentPurgeMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table visit_documents add column purged_at text`.execute(db);
    await sql`alter table visit_documents add column purge_reason text`.execute(db);
  },
};
