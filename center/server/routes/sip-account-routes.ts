import { sipAccountSchema, syncError, type CenterResult } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import type { CenterContext } from '../../center-context';
import { deleteSipAccount, listSipAccounts, readSipAccount, saveSipAccount, sipProxyOrigins } from '../../store/sip-accounts-repo';
import { findUser } from '../../store/users-repo';
import { route, type Route } from '../route';

const DESK_ROLES = ['agent', 'team_lead', 'qa', 'admin'] as const;

/**
 * The key that seals SIP passwords at rest: the centre's own data key from its key directory
 * (center/archive/archive-keys.ts). A centre started without one cannot keep passwords safely and says so.
 */
function keyOf(center: CenterContext): Buffer | CenterResult<never> {
  return (
    center.archive?.keys.sessionKey ?? {
      ok: false,
      error: syncError('not_found', { zh: '本中心未配置密钥目录，无法保存 SIP 密码', en: 'this centre has no key directory to seal SIP passwords with' }),
    }
  );
}

/**
 * Agents' SIP accounts (README → SIP accounts from the centre): an administrator sets, lists and removes them; at sign-in
 * the desk fetches its own (audited: a password leaves the centre). Agents then never type SIP settings.
 */
export const sipAccountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/sip-proxies',
    roles: 'public',
    async handle({ center }) {
      return { ok: true, value: { origins: await sipProxyOrigins(center.store) } };
    },
  },
  {
    method: 'GET',
    path: '/api/me/sip-account',
    roles: DESK_ROLES,
    async handle({ center, user }) {
      const key = keyOf(center);
      if (!Buffer.isBuffer(key)) return key;
      const account = await readSipAccount(center.store, key, user.staffNo);
      if (account) await audit(center.store.db, { actor: user.staffNo, action: 'sip_account.handed_out', detail: { sipUri: account.config.sipUri } });
      return { ok: true, value: { account } };
    },
  },
  {
    method: 'GET',
    path: '/api/admin/sip-accounts',
    roles: ['admin'],
    async handle({ center }) {
      return { ok: true, value: await listSipAccounts(center.store) };
    },
  },
  {
    // The console shows passwords masked; revealing one is a separate, audited request.
    method: 'GET',
    path: '/api/admin/sip-accounts/:staffNo/password',
    roles: ['admin'],
    async handle({ params, center, user }) {
      const key = keyOf(center);
      if (!Buffer.isBuffer(key)) return key;
      const account = await readSipAccount(center.store, key, params.staffNo);
      if (!account)
        return {
          ok: false,
          error: syncError('not_found', { zh: `工号 ${params.staffNo} 没有中心下发的 SIP 账号`, en: `no SIP account for ${params.staffNo}` }),
        };
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.sip_password_revealed', target: params.staffNo });
      return { ok: true, value: { staffNo: params.staffNo, password: account.password } };
    },
  },
  route({
    method: 'PUT',
    path: '/api/admin/sip-accounts/:staffNo',
    roles: ['admin'],
    body: sipAccountSchema,
    async handle({ params, center, user, body }) {
      const key = keyOf(center);
      if (!Buffer.isBuffer(key)) return key;
      const target = await findUser(center.store, params.staffNo);
      if (!target) return { ok: false, error: syncError('not_found', { zh: `没有工号 ${params.staffNo}`, en: `no user ${params.staffNo}` }) };
      await saveSipAccount(center.store, key, target.staffNo, body, user.staffNo);
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'admin.sip_account_set',
        detail: { staffNo: target.staffNo, sipUri: body.config.sipUri, wsUrl: body.config.wsUrl },
      });
      return { ok: true, value: { staffNo: target.staffNo, config: body.config } };
    },
  }),
  {
    method: 'DELETE',
    path: '/api/admin/sip-accounts/:staffNo',
    roles: ['admin'],
    async handle({ params, center, user }) {
      if (!(await deleteSipAccount(center.store, params.staffNo))) {
        return {
          ok: false,
          error: syncError('not_found', { zh: `工号 ${params.staffNo} 没有中心下发的 SIP 账号`, en: `no SIP account for ${params.staffNo}` }),
        };
      }
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.sip_account_removed', detail: { staffNo: params.staffNo } });
      return { ok: true, value: { staffNo: params.staffNo, removed: true } };
    },
  },
];
