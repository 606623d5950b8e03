import { deskSettingsUpdateSchema } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { readDeskConfig, readDeskSettings, writeDeskSettings } from '../../store/desk-config-repo';
import { route, type Route } from '../route';

/**
 * Desk settings: every signed-in role reads them (with the loaded holiday schedules, which desks
 * build their calendar from); admins change the settings (audited). Holiday schedules are loaded
 * through /api/admin/calendar only, so this POST refuses a `calendarYears` field. A POST without
 * `callingHours` keeps the stored calling hours.
 */
export const deskConfigRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/desk-config',
    roles: ['agent', 'team_lead', 'qa', 'admin'],
    async handle({ center }) {
      return { ok: true, value: await readDeskConfig(center.store) };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/desk-config',
    roles: ['admin'],
    body: deskSettingsUpdateSchema,
    async handle({ center, user, body }) {
      const before = await readDeskSettings(center.store);
      const after = {
        ...body,
        callingHours: body.callingHours ?? before.callingHours,
        inboundCallers: body.inboundCallers ?? before.inboundCallers,
        trainingAgents: body.trainingAgents ?? before.trainingAgents,
        localAudioDays: body.localAudioDays ?? before.localAudioDays,
        boardAlerts: body.boardAlerts ?? before.boardAlerts,
      };
      await writeDeskSettings(center.store, after);
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.desk_config', detail: { before, after } });
      return { ok: true, value: after };
    },
  }),
];
