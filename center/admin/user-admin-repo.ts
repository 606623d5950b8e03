import type { AdminUser, Role } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { nowIso } from '../store/clock';
import { listUsers } from '../store/users-repo';

/** The account fields an administrator sets (the password separately). */
interface AccountFields {
  readonly name: string;
  readonly role: Role;
  readonly team: string;
  readonly languages: readonly string[];
  readonly active: boolean;
  readonly branchCode?: string | null;
  readonly branchName?: string | null;
}

/** Every account without its hash, by staff number. */
export async function listAdminUsers(store: Store): Promise<AdminUser[]> {
  return (await listUsers(store)).map(({ passwordHash: _hash, ...u }) => u);
}

/**
 * Inserts a new account; answers false (and changes nothing) when the staff number exists, so a
 * typo in "create" can never overwrite a colleague's account or password.
 */
export async function createUser(store: Store, staffNo: string, fields: AccountFields, passwordHash: string): Promise<boolean> {
  const r = await store.db
    .insertInto('users')
    .values({
      staff_no: staffNo,
      name: fields.name,
      role: fields.role,
      team: fields.team,
      languages: JSON.stringify(fields.languages),
      password_hash: passwordHash,
      active: fields.active ? 1 : 0,
      created_at: nowIso(),
      branch_code: fields.branchCode ?? null,
      branch_name: fields.branchName ?? null,
    })
    .onConflict((oc) => oc.column('staff_no').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes an existing account (not its password); answers false when there is none. */
export async function updateUser(store: Store, staffNo: string, fields: AccountFields): Promise<boolean> {
  const r = await store.db
    .updateTable('users')
    .set({
      name: fields.name,
      role: fields.role,
      team: fields.team,
      languages: JSON.stringify(fields.languages),
      active: fields.active ? 1 : 0,
      branch_code: fields.branchCode ?? null,
      branch_name: fields.branchName ?? null,
    })
    .where('staff_no', '=', staffNo)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Sets a new password and ends every session the user holds (desk refresh tokens, console
 * cookies) in one transaction: whoever knew the old password is signed out with it.
 */
export async function resetPassword(store: Store, staffNo: string, passwordHash: string): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('users').set({ password_hash: passwordHash }).where('staff_no', '=', staffNo).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    const at = nowIso();
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: at, revoked_reason: 'password_reset' })
      .where('staff_no', '=', staffNo)
      .where('revoked_at', 'is', null)
      .execute();
    await trx.updateTable('console_sessions').set({ revoked_at: at }).where('staff_no', '=', staffNo).where('revoked_at', 'is', null).execute();
    return true;
  });
}
