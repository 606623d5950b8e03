import { softphoneConfigSchema, type SoftphoneConfig } from '../../shared/ipc/channels/softphone';
import type { SipAccount } from '../../shared/sync';
import { openText, sealText } from '../archive/archive-keys';
import { nowIso } from './clock';
import type { Store } from './open-store';

/** Stores (or replaces) an agent's SIP account, the password sealed with `key`. */
export async function saveSipAccount(store: Store, key: Buffer, staffNo: string, account: SipAccount, by: string): Promise<void> {
  const row = { config: JSON.stringify(account.config), password_sealed: sealText(key, account.password), updated_by: by, updated_at: nowIso() };
  await store.db
    .insertInto('sip_accounts')
    .values({ staff_no: staffNo, ...row })
    .onConflict((oc) => oc.column('staff_no').doUpdateSet(row))
    .execute();
}

/** The agent's account with its password opened, or null when none is set. */
export async function readSipAccount(store: Store, key: Buffer, staffNo: string): Promise<SipAccount | null> {
  const row = await store.db.selectFrom('sip_accounts').selectAll().where('staff_no', '=', staffNo).executeTakeFirst();
  if (!row) return null;
  return { config: softphoneConfigSchema.parse(JSON.parse(row.config)), password: openText(key, row.password_sealed) };
}

/** Every account without its password, by staff number. */
export async function listSipAccounts(store: Store): Promise<{ staffNo: string; config: SoftphoneConfig; updatedAt: string; updatedBy: string }[]> {
  const rows = await store.db.selectFrom('sip_accounts').select(['staff_no', 'config', 'updated_at', 'updated_by']).orderBy('staff_no').execute();
  return rows.map((r) => ({
    staffNo: r.staff_no,
    config: softphoneConfigSchema.parse(JSON.parse(r.config)),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

/** Removes the agent's account; answers whether there was one. */
export async function deleteSipAccount(store: Store, staffNo: string): Promise<boolean> {
  const r = await store.db.deleteFrom('sip_accounts').where('staff_no', '=', staffNo).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The distinct WebSocket origins (`wss://host:port`) of every account's proxy. */
export async function sipProxyOrigins(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('sip_accounts').select('config').execute();
  const origins = new Set<string>();
  for (const r of rows) {
    const url = new URL(softphoneConfigSchema.parse(JSON.parse(r.config)).wsUrl);
    origins.add(`${url.protocol}//${url.host}`);
  }
  return [...origins].sort();
}
