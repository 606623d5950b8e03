import type { HuifangApi } from '../../../shared/ipc/client';
import { messages } from '../../i18n/messages';
import type { GrantVerdict } from './monitor-answerer';
import type { MonitorListenerDeps } from './monitor-listener';

/** SIP reason phrases of refused grants (ASCII: they go on the wire). */
const refusalPhrase: Record<string, string> = {
  bad_signature: 'Forbidden (bad monitor grant)',
  expired: 'Forbidden (monitor grant expired)',
  wrong_agent: 'Forbidden (monitor grant for another agent)',
  already_used: 'Forbidden (monitor grant already used)',
  lead_inactive: 'Forbidden (lead may not monitor)',
  not_in_call: 'Forbidden (agent no longer in a call)',
  barge_taken: 'Forbidden (another lead is barged in)',
};

/**
 * The centre side of listen-in as the softphone needs it, over the host's `center:monitorGrant`,
 * `center:monitorVerify` and `center:monitorEnded` channels: the lead's grant request (refusals as
 * readable zh-CN text), the agent desk's verification (refusals as the SIP code and phrase to
 * answer with) and its report that a lead's leg ended.
 */
export function monitorDesk(host: HuifangApi): {
  requestGrant: MonitorListenerDeps['requestGrant'];
  verify(grant: string): Promise<GrantVerdict>;
  legEnded(lead: string): void;
} {
  return {
    async requestGrant(staffNo, mode) {
      const r = await host.center.monitorGrant(mode ? { staffNo, mode } : { staffNo });
      if (!r.ok) return { ok: false, text: messages.monitor.failed(r.error.message) };
      switch (r.value.kind) {
        case 'ok':
          return { ok: true, grant: r.value.grant };
        case 'offline':
          return { ok: false, text: messages.monitor.offline(r.value.message) };
        case 'refused':
          return { ok: false, text: messages.monitor.refusedByCenter(r.value.message) };
      }
    },
    async verify(grant) {
      const r = await host.center.monitorVerify({ grant });
      if (!r.ok || r.value.kind === 'offline') return { ok: false, code: 503, phrase: 'Centre Unreachable' };
      if (r.value.kind === 'refused') return { ok: false, code: 403, phrase: `Forbidden (${r.value.code})` };
      const v = r.value.verdict;
      return v.verdict === 'valid'
        ? { ok: true, lead: v.lead, leadName: v.leadName, mode: v.mode }
        : { ok: false, code: 403, phrase: refusalPhrase[v.reason] ?? 'Forbidden' };
    },
    // Best effort: offline, the barge holding lapses with the customer call anyway.
    legEnded(lead) {
      void host.center.monitorEnded({ lead }).catch(() => undefined);
    },
  };
}
