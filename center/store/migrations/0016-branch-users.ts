import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0016: branch staff (role `branch`, 分支机构回访负责人) belong to a selling branch.
 * `branch_code` scopes what they see: branch codes are hierarchical, so `8611` covers `861101`
 * (center/auth/branch-scope.ts). Null for everyone else. Same SQL on SQLite and PostgreSQL.
 */
export const branchUsersMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table users add column branch_code text`.execute(db);
    await sql`alter table users add column branch_name text`.execute(db);
  },
};
