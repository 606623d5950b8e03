import { randomBytes } from 'node:crypto';
import type { Store } from './open-store';

/** Reads a setting. */
export async function getSetting(store: Store, key: string): Promise<string | undefined> {
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/**
 * The secret that signs access tokens; created once per centre (first writer wins, so several
 * centre processes on one PostgreSQL share it).
 */
export async function tokenSecret(store: Store): Promise<Buffer> {
  const existing = await getSetting(store, 'token_secret');
  if (existing) return Buffer.from(existing, 'base64');
  await store.db
    .insertInto('settings')
    .values({ key: 'token_secret', value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return Buffer.from((await getSetting(store, 'token_secret')) as string, 'base64');
}
