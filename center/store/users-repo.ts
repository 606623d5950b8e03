import type { CenterUser, Role } from '../../shared/sync';
import type { Store } from './open-store';
import type { UsersTable } from './db-schema';
import { nowIso } from './clock';
import { compiledOnce } from './compiled-once';

/** A user row with its hash (never leaves the centre). */
export interface StoredUser extends CenterUser {
  readonly passwordHash: string;
  readonly active: boolean;
  /** Branch staff: the branch they work for (center/auth/branch-scope.ts); null otherwise. */
  readonly branchCode: string | null;
  readonly branchName: string | null;
}

function fromRow(row: UsersTable): StoredUser {
  return {
    staffNo: row.staff_no,
    name: row.name,
    role: row.role as Role,
    team: row.team,
    languages: JSON.parse(row.languages) as string[],
    passwordHash: row.password_hash,
    active: row.active === 1,
    branchCode: row.branch_code ?? null,
    branchName: row.branch_name ?? null,
  };
}

/** Public view of a user. */
export function publicUser(u: StoredUser): CenterUser {
  return { staffNo: u.staffNo, name: u.name, role: u.role, team: u.team, languages: u.languages };
}

const userRow = compiledOnce((db, p: { staffNo: string }) => db.selectFrom('users').selectAll().where('staff_no', '=', p.staffNo));

/** Reads one user (every authenticated request does: compiled once). */
export async function findUser(store: Store, staffNo: string): Promise<StoredUser | undefined> {
  const [row] = await userRow(store.db, store.engine, { staffNo });
  return row ? fromRow(row) : undefined;
}

/** Lists users, optionally of one team and/or role. */
export async function listUsers(store: Store, filter: { team?: string; role?: Role } = {}): Promise<StoredUser[]> {
  let q = store.db.selectFrom('users').selectAll();
  if (filter.team) q = q.where('team', '=', filter.team);
  if (filter.role) q = q.where('role', '=', filter.role);
  const rows = await q.orderBy('staff_no').execute();
  return rows.map(fromRow);
}

/** Creates or replaces a user (admin action; the caller audits it). */
export async function upsertUser(
  store: Store,
  user: CenterUser & { passwordHash: string; active?: boolean; branchCode?: string | null; branchName?: string | null },
): Promise<void> {
  const row: UsersTable = {
    staff_no: user.staffNo,
    name: user.name,
    role: user.role,
    team: user.team,
    languages: JSON.stringify(user.languages),
    password_hash: user.passwordHash,
    active: user.active === false ? 0 : 1,
    created_at: nowIso(),
    branch_code: user.branchCode ?? null,
    branch_name: user.branchName ?? null,
  };
  await store.db
    .insertInto('users')
    .values(row)
    .onConflict((oc) =>
      oc.column('staff_no').doUpdateSet({
        name: row.name,
        role: row.role,
        team: row.team,
        languages: row.languages,
        password_hash: row.password_hash,
        active: row.active,
        branch_code: row.branch_code,
        branch_name: row.branch_name,
      }),
    )
    .execute();
}
