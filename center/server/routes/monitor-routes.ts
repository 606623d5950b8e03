import {
  monitorEndedRequestSchema,
  monitorGrantRequestSchema,
  monitorVerifyRequestSchema,
  syncError,
  type LiveState,
  type MonitorGrant,
  type MonitorRefusal,
  type MonitorVerdict,
} from '../../../shared/sync';
import type { CenterContext } from '../../center-context';
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
  not_in_call: '坐席已不在通话中',
  barge_taken: '已有其他班长强插该通话',
};

/** The agent's live state while in a connected or held call (fresh, own team), else null. */
function callOf(center: CenterContext, staffNo: string, team: string): { state: LiveState; call: string } | null {
  const live = center.live.read(staffNo);
  const state = live && !live.stale && live.entry.team === team ? live.entry.state : null;
  const inCall = state?.status === 'in_call' && (state.call?.phase === 'connected' || state.call?.phase === 'held');
  return state?.call && inCall ? { state, call: state.call.since } : null;
}

/**
 * Team-lead listen-in (班长监听) and coaching (耳语 / 强插), see shared/sync/monitor.ts. A lead (own
 * team; admins any team) gets a 30-second single-use grant for one agent and one mode, only while
 * that agent's live state says it is in a connected or held call and names its softphone address,
 * and (barge) while no other lead barges into that call: `monitor.start` audited with the mode and
 * policy number, a refusal as `monitor.denied` with its reason. The agent's desk verifies each grant
 * it receives (the first INVITE's and every switch's); the verdict is a value (`valid` with the
 * lead and mode, or `refused` with the reason) and is audited either way.
 */
export const monitorRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/team/monitor',
    roles: ['team_lead', 'admin'],
    body: monitorGrantRequestSchema,
    bodyLimit: 4 * 1024,
    async handle({ center, user, body }) {
      const mode = body.mode ?? 'listen';
      const agent = await findUser(center.store, body.staffNo);
      if (!agent || !agent.active || agent.role !== 'agent') {
        return { ok: false, error: syncError('not_found', { zh: '没有这个在职坐席', en: 'no active agent with that staff number' }) };
      }
      const deny = async (reason: string, error: ReturnType<typeof syncError>) => {
        await audit(center.store.db, { actor: user.staffNo, action: 'monitor.denied', target: agent.staffNo, detail: { mode, reason } });
        return { ok: false as const, error };
      };
      const denied = requireTeam(user, agent.team);
      if (denied) return deny('other_team', denied);
      const current = callOf(center, agent.staffNo, agent.team);
      if (!current) return deny('not_in_call', syncError('conflict', { zh: '该坐席当前不在通话中，不能监听', en: 'the agent is not in a call' }));
      const { state } = current;
      if (!state.sipUri) {
        return deny('no_sip_uri', syncError('conflict', { zh: '该坐席的软电话未上报地址，不能监听', en: "the agent's desk did not publish a SIP address" }));
      }
      const holder = await center.monitor.barges.holder(agent.staffNo, current.call);
      if (mode === 'barge' && holder !== null && holder !== user.staffNo) {
        return deny(
          'barge_taken',
          syncError('conflict', { zh: `班长 ${holder} 已强插该通话，不能再强插`, en: `lead ${holder} is already barged into this call` }),
        );
      }
      const issued = center.monitor.issue(user.staffNo, agent.staffNo, mode);
      const policyNo = state.case?.policyNo ?? null;
      const expiresAt = new Date(issued.expiresAt).toISOString();
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'monitor.start',
        target: agent.staffNo,
        detail: { mode, policyNo, sipUri: state.sipUri, expiresAt },
      });
      const value: MonitorGrant = { grant: issued.grant, agent: agent.staffNo, agentName: agent.name, sipUri: state.sipUri, policyNo, expiresAt, mode };
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
      const refuse = async (reason: MonitorRefusal, lead?: string, mode?: string) => {
        await audit(center.store.db, { actor: user.staffNo, action: 'monitor.refused', target: lead, detail: { reason, mode } });
        const value: MonitorVerdict = { verdict: 'refused', reason, message: refusalText[reason] };
        return { ok: true as const, value };
      };
      const checked = await center.monitor.accept(body.grant, user.staffNo);
      if (!checked.ok) return refuse(checked.reason);
      const { mode } = checked.claims;
      const lead = await findUser(center.store, checked.claims.lead);
      const mayListen = lead?.active && (lead.role === 'admin' || (lead.role === 'team_lead' && lead.team === user.team));
      if (!lead || !mayListen) return refuse('lead_inactive', checked.claims.lead, mode);
      const current = callOf(center, user.staffNo, user.team);
      if (!current) return refuse('not_in_call', lead.staffNo, mode);
      if (mode === 'barge' && !(await center.monitor.barges.take(user.staffNo, lead.staffNo, current.call))) return refuse('barge_taken', lead.staffNo, mode);
      // Stepping back from barge (verified: the desk stops mixing) frees the call for another lead.
      if (mode !== 'barge') await center.monitor.barges.release(user.staffNo, lead.staffNo);
      const expiresAt = new Date(checked.claims.exp * 1000).toISOString();
      await audit(center.store.db, { actor: user.staffNo, action: 'monitor.verified', target: lead.staffNo, detail: { mode, expiresAt } });
      const value: MonitorVerdict = { verdict: 'valid', lead: lead.staffNo, leadName: lead.name, expiresAt, mode };
      return { ok: true, value };
    },
  }),
  route({
    method: 'POST',
    path: '/api/monitor/ended',
    roles: ['agent'],
    body: monitorEndedRequestSchema,
    bodyLimit: 1024,
    summary: "The agent's desk: a lead's leg ended; a barge the lead held is released.",
    async handle({ center, user, body }) {
      // Only the agent's own desk ends its legs, so it can free only its own call; a lead that
      // crashed mid-barge would otherwise hold the call until it ends.
      const current = callOf(center, user.staffNo, user.team);
      const held = current ? (await center.monitor.barges.holder(user.staffNo, current.call)) === body.lead : false;
      await center.monitor.barges.release(user.staffNo, body.lead);
      await audit(center.store.db, { actor: user.staffNo, action: 'monitor.ended', target: body.lead, detail: { released: held } });
      return { ok: true, value: { released: held } };
    },
  }),
];
