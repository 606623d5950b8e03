import type { Kysely } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import type { Barges } from './barge-ledger';
import type { SpentNonces } from './monitor-grants';

/**
 * The barge ledger in the database (`live_barges`, migration 0021), for several centre processes
 * on one PostgreSQL: taking a call is one conditional upsert, so two leads on two processes racing
 * for the same call cannot both win — the row changes only when it is free, from another call, or
 * already this lead's.
 */
export class SqlBargeLedger implements Barges {
  constructor(private readonly db: Kysely<CenterDatabase>) {}

  async holder(agent: string, call: string): Promise<string | null> {
    const row = await this.db.selectFrom('live_barges').select(['lead', 'call_since']).where('agent', '=', agent).executeTakeFirst();
    return row && row.call_since === call ? row.lead : null;
  }

  async take(agent: string, lead: string, call: string): Promise<boolean> {
    const won = await this.db
      .insertInto('live_barges')
      .values({ agent, lead, call_since: call })
      .onConflict((oc) =>
        oc
          .column('agent')
          .doUpdateSet({ lead, call_since: call })
          .where((eb) => eb.or([eb('live_barges.call_since', '<>', call), eb('live_barges.lead', '=', lead)])),
      )
      .returning('lead')
      .executeTakeFirst();
    return won !== undefined;
  }

  async release(agent: string, lead: string): Promise<void> {
    await this.db.deleteFrom('live_barges').where('agent', '=', agent).where('lead', '=', lead).execute();
  }
}

/**
 * Spent grant nonces in the database (`monitor_grant_uses`): the primary key makes the first
 * spend win on whichever process the desk asks, so a grant is single-use across processes.
 * Rows are kept until the grant would have expired anyway.
 */
export class SqlSpentNonces implements SpentNonces {
  constructor(private readonly db: Kysely<CenterDatabase>) {}

  async spend(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    await this.db.deleteFrom('monitor_grant_uses').where('expires_at', '<=', now).execute();
    const inserted = await this.db
      .insertInto('monitor_grant_uses')
      .values({ nonce, expires_at: expiresAt })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .returning('nonce')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
