import { passwordResetSchema, syncError, userCreateSchema, userUpdateSchema, type SyncError } from '../../../shared/sync';
import { hashPassword } from '../../auth/password';
import { audit } from '../../store/audit-repo';
import { findUser, type StoredUser } from '../../store/users-repo';
import { createUser, listAdminUsers, resetPassword, updateUser } from '../../admin/user-admin-repo';
import { route, type Route } from '../route';

const noUser = (staffNo: string): SyncError => syncError('not_found', { zh: `没有工号 ${staffNo}`, en: `no user ${staffNo}` });

/** An administrator who removes their own admin role or account would lock the centre's administration out of itself. */
function selfLockout(user: StoredUser, staffNo: string, body: { role: string; active: boolean }): SyncError | undefined {
  if (user.staffNo !== staffNo || (body.role === 'admin' && body.active)) return undefined;
  return syncError('invalid_request', {
    zh: '不能停用自己的账号或取消自己的管理员角色，请由另一位管理员操作',
    en: 'an administrator may not deactivate or demote their own account; another administrator must',
  });
}

/**
 * Accounts (README "Web console" → administration): list, create (never over an existing staff
 * number), change role / team / language skills / branch / active, reset a password. Every change
 * is audited with what it changed; passwords and hashes never appear in the audit or an answer.
 */
export const adminUserRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/users',
    roles: ['admin'],
    summary: 'Every account (no password hashes)',
    async handle({ center }) {
      return { ok: true, value: await listAdminUsers(center.store) };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/users',
    roles: ['admin'],
    body: userCreateSchema,
    summary: 'Creates an account; an existing staff number is 409 conflict',
    async handle({ center, user, body }) {
      const { password, staffNo, ...fields } = body;
      if (!(await createUser(center.store, staffNo, fields, await hashPassword(password)))) {
        return {
          ok: false,
          error: syncError('conflict', { zh: `工号 ${staffNo} 已存在，未作任何修改`, en: `staff number ${staffNo} already exists; nothing was changed` }),
        };
      }
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'admin.user_create',
        target: staffNo,
        detail: { role: fields.role, team: fields.team, languages: fields.languages, active: fields.active, branchCode: fields.branchCode ?? null },
      });
      return { ok: true, value: { staffNo } };
    },
  }),
  route({
    method: 'PUT',
    path: '/api/admin/users/:staffNo',
    roles: ['admin'],
    body: userUpdateSchema,
    summary: 'Changes an account’s name, role, team, language skills, branch or active flag',
    async handle({ center, user, params, body }) {
      const before = await findUser(center.store, params.staffNo);
      if (!before) return { ok: false, error: noUser(params.staffNo) };
      const locked = selfLockout(user, params.staffNo, body);
      if (locked) return { ok: false, error: locked };
      await updateUser(center.store, params.staffNo, body);
      const after = (await findUser(center.store, params.staffNo))!;
      const { passwordHash: _a, ...was } = before;
      const { passwordHash: _b, ...now } = after;
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.user_update', target: params.staffNo, detail: { before: was, after: now } });
      return { ok: true, value: now };
    },
  }),
  route({
    method: 'POST',
    path: '/api/admin/users/:staffNo/password',
    roles: ['admin'],
    body: passwordResetSchema,
    summary: 'Sets a new password and ends the user’s sessions',
    async handle({ center, user, params, body }) {
      if (!(await resetPassword(center.store, params.staffNo, await hashPassword(body.password)))) return { ok: false, error: noUser(params.staffNo) };
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.password_reset', target: params.staffNo, detail: { sessionsEnded: true } });
      return { ok: true, value: { staffNo: params.staffNo } };
    },
  }),
];
