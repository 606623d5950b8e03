import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from './open-store';
import { nowIso } from './clock';

/**
 * Refresh tokens: random, stored only as sha256, rotated on every use. A refresh token used again
 * (stolen or replayed) revokes its whole family, signing that session out — except within
 * `REUSE_GRACE_MS` of its rotation, when the first answer was probably lost (timeout, centre
 * restart mid-request): then the family gets a fresh pair and the sibling issued before is revoked.
 */
export const REUSE_GRACE_MS = 30_000;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a token in `family` (a new family when omitted). */
export async function issueRefreshToken(store: Store, staffNo: string, ttlSec: number, family: string = randomUUID()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSec * 1000).toISOString();
  await store.db
    .insertInto('refresh_tokens')
    .values({ token_hash: digest(token), staff_no: staffNo, family, expires_at: expiresAt, revoked_at: null, revoked_reason: null, created_at: nowIso() })
    .execute();
  return { token, expiresAt, family };
}

export type ConsumeResult = { ok: true; staffNo: string; family: string } | { ok: false; reason: 'unknown' | 'expired' | 'reused' };

/** Consumes (revokes) a token for rotation; detects reuse. */
export async function consumeRefreshToken(store: Store, token: string, nowMs = Date.now()): Promise<ConsumeResult> {
  const hash = digest(token);
  const now = new Date(nowMs).toISOString();
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' } as const;
    if (row.expires_at <= now) return { ok: false, reason: 'expired' } as const;
    if (row.revoked_at) {
      const withinGrace = row.revoked_reason === 'rotated' && nowMs - Date.parse(row.revoked_at) <= REUSE_GRACE_MS;
      const familyAlive = await trx
        .selectFrom('refresh_tokens')
        .select('token_hash')
        .where('family', '=', row.family)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (withinGrace && familyAlive) {
        // The answer to the first rotation was lost: retire its (unused) successor, issue anew.
        await trx
          .updateTable('refresh_tokens')
          .set({ revoked_at: now, revoked_reason: 'superseded' })
          .where('family', '=', row.family)
          .where('revoked_at', 'is', null)
          .execute();
        return { ok: true, staffNo: row.staff_no, family: row.family } as const;
      }
      await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: now, revoked_reason: 'reuse' })
        .where('family', '=', row.family)
        .where('revoked_at', 'is', null)
        .execute();
      return { ok: false, reason: 'reused' } as const;
    }
    const upd = await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: now, revoked_reason: 'rotated' })
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) return { ok: false, reason: 'reused' } as const;
    return { ok: true, staffNo: row.staff_no, family: row.family } as const;
  });
}

/** Revokes a family (logout). */
export async function revokeFamilyOf(store: Store, token: string): Promise<boolean> {
  const row = await store.db.selectFrom('refresh_tokens').select('family').where('token_hash', '=', digest(token)).executeTakeFirst();
  if (!row) return false;
  await store.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: nowIso(), revoked_reason: 'logout' })
    .where('family', '=', row.family)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}
