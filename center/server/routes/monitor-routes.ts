import {
  monitorGrantRequestSchema,
  monitorVerifyRequestSchema,
  syncError,
  type MonitorGrant,
  type MonitorRefusal,
  type MonitorVerdict,
} from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { audit } from '../../store/audit-repo';
import { findUser } from '../../store/users-repo';
import { route, type Route } from '../route';

/** Readable reasons of a refused grant (zh-CN: the agent's desk shows none, the lead sees the SIP code). */
const refusalText: Record<MonitorRefusal, string> = {
  bad_signature: '监听授权无效（签名不符）',
  expired: '监听授权已过期',
  wrong_agent: '监听授权不是发给本坐席的',
  already_used: '监听授权已被使用',
  lead_inactive: '发起监听的班长已无监听权限',
};

/**
 * Team-lead listen-in (班长监听), see shared/sync/monitor.ts. A lead (own team; admins any team)
 * gets a 30-second single-use grant for one agent, only while that agent's live state says it is
 * in a connected or held call and names its softphone address (`monitor.start` audited with the
 * policy number). The agent's desk verifies the grant it received on the INVITE; the verdict is
 * a value (`valid` with the lead, or `refused` with the reason) and is audited either way.
 */
export const monitorRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/team/monitor',
    roles: ['team_lead', 'admin'],
    body: monitorGrantRequestSchema,
    bodyLimit: 4 * 1024,
    async handle({ center, user, body }) {
      const agent = await findUser(center.store, body.staffNo);
      if (!agent || !agent.active || agent.role !== 'agent') {
        return { ok: false, error: syncError('not_found', { zh: '没有这个在职坐席', en: 'no active agent with that staff number' }) };
      }
      const denied = requireTeam(user, agent.team);
      if (denied) return { ok: false, error: denied };
      const live = center.live.read(agent.staffNo);
      const state = live && !live.stale && live.entry.team === agent.team ? live.entry.state : null;
      const inCall = state?.status === 'in_call' && (state.call?.phase === 'connected' || state.call?.phase === 'held');
      if (!state || !inCall) {
        return { ok: false, error: syncError('conflict', { zh: '该坐席当前不在通话中，不能监听', en: 'the agent is not in a call' }) };
      }
      if (!state.sipUri) {
        return { ok: false, error: syncError('conflict', { zh: '该坐席的软电话未上报地址，不能监听', en: "the agent's desk did not publish a SIP address" }) };
      }
      const issued = center.monitor.issue(user.staffNo, agent.staffNo);
      const policyNo = state.case?.policyNo ?? null;
      const expiresAt = new Date(issued.expiresAt).toISOString();
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'monitor.start',
        target: agent.staffNo,
        detail: { policyNo, sipUri: state.sipUri, expiresAt },
      });
      const value: MonitorGrant = { grant: issued.grant, agent: agent.staffNo, agentName: agent.name, sipUri: state.sipUri, policyNo, expiresAt };
      return { ok: true, value };
    },
  }),
  route({
    method: 'POST',
    path: '/api/monitor/verify',
    roles: ['agent'],
    body: monitorVerifyRequestSchema,
    bodyLimit: 4 * 1024,
    async handle({ center, user, body }) {
      const refuse = async (reason: MonitorRefusal, lead?: string) => {
        await audit(center.store.db, { actor: user.staffNo, action: 'monitor.refused', target: lead, detail: { reason } });
        const value: MonitorVerdict = { verdict: 'refused', reason, message: refusalText[reason] };
        return { ok: true as const, value };
      };
      const checked = center.monitor.accept(body.grant, user.staffNo);
      if (!checked.ok) return refuse(checked.reason);
      const lead = await findUser(center.store, checked.claims.lead);
      const mayListen = lead?.active && (lead.role === 'admin' || (lead.role === 'team_lead' && lead.team === user.team));
      if (!lead || !mayListen) return refuse('lead_inactive', checked.claims.lead);
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'monitor.verified',
        target: lead.staffNo,
        detail: { expiresAt: new Date(checked.claims.exp * 1000).toISOString() },
      });
      const value: MonitorVerdict = { verdict: 'valid', lead: lead.staffNo, leadName: lead.name, expiresAt: new Date(checked.claims.exp * 1000).toISOString() };
      return { ok: true, value };
    },
  }),
];
