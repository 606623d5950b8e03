import { sql, type Kysely } from 'kysely';

/**
 * Tenth schema version: agents' SIP accounts, set by an administrator and handed to the agent's
 * desk at sign-in (README → SIP accounts from the centre). `config` is the softphone account as JSON (no secret);
 * `password_sealed` the digest password sealed with the centre's key (`sealText`), never in clear.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const sipAccountsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table sip_accounts (
      staff_no text primary key references users (staff_no),
      config text not null,
      password_sealed text not null,
      updated_by text not null,
      updated_at text not null
    )`.execute(db);
  },
};
