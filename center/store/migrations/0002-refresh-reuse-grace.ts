import type { Kysely } from 'kysely';

/**
 * Second schema version: why a refresh token was revoked ('rotated' | 'superseded' | 'logout' | 'reuse').
 * Lets a refresh repeated shortly after a rotation whose answer was lost (timeout, centre
 * restart) get a fresh pair instead of signing the agent out.
 */
export const refreshReuseGrace = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('refresh_tokens').addColumn('revoked_reason', 'text').execute();
  },
};
