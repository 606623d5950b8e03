import { pullRequestSchema, pushRequestSchema } from '../../../shared/sync';
import { pullChanges } from '../../sync/pull-service';
import { applyPush } from '../../sync/push-service';
import { audit } from '../../store/audit-repo';
import { route, type Route } from '../route';

/** Workstation sync: pull the queue by cursor, push attempts/results/session events. */
export const syncRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/sync/pull',
    roles: ['agent', 'team_lead'],
    body: pullRequestSchema,
    async handle({ center, user, body }) {
      const result = await pullChanges(center.store, user.staffNo, body.cursor, body.limit);
      // The queue carries personal data (names, phones): record that it was handed out.
      if (result.ok && result.value.upserts.length > 0) {
        await audit(center.store.db, {
          actor: user.staffNo,
          action: 'personal_data.sync_pull',
          detail: { cases: result.value.upserts.length, snapshot: result.value.snapshot },
        });
      }
      return result;
    },
  }),
  route({
    method: 'POST',
    path: '/api/sync/push',
    // Every role signs in at a desk, so every role's session events are kept; results and
    // attempts still need the case to have been assigned to the caller (push-service.ts).
    roles: ['agent', 'team_lead', 'qa', 'admin'],
    body: pushRequestSchema,
    async handle({ center, user, body }) {
      const outcome = await applyPush(center.store, user.staffNo, body.items, { today: center.today() });
      center.notifier.notify(outcome.touched);
      return { ok: true, value: { acks: outcome.acks } };
    },
  }),
];
