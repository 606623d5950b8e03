import { deskConfigSchema } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { readDeskConfig, writeDeskConfig } from '../../store/desk-config-repo';
import { readJson } from '../read-body';
import type { Route } from '../router';

/** Desk settings: every signed-in role reads them; admins change them (audited). */
export const deskConfigRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/desk-config',
    roles: ['agent', 'team_lead', 'qa', 'admin'],
    async handle({ center }) {
      return { ok: true, value: await readDeskConfig(center.store) };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/desk-config',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const body = await readJson(req, deskConfigSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const before = await readDeskConfig(center.store);
      await writeDeskConfig(center.store, body.value);
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.desk_config', detail: { before, after: body.value } });
      return { ok: true, value: body.value };
    },
  },
];
