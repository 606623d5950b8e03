import type { LiveAgent } from '../../../shared/sync';
import { formatDuration } from '../agent-status/format-duration';
import { useNow } from '../agent-status/use-now';
import { messages } from '../../i18n/messages';
import { monitorActions } from './monitor-actions';
import { useMonitorStore } from './monitor-store';

/** The 监听 button of an agent's row (shown only when `canListen`); L does the same on the selected row. */
export function ListenButton({ agent, name }: { agent: LiveAgent; name: string }) {
  const phase = useMonitorStore((s) => s.phase);
  return (
    <button
      type="button"
      className="live-listen"
      aria-label={messages.monitor.listenLabel(agent.staffNo, name)}
      aria-keyshortcuts="L"
      disabled={phase !== 'idle'}
      onClick={(e) => {
        e.stopPropagation();
        void monitorActions.startListening(agent.staffNo, name);
      }}
    >
      {messages.common.withKey(messages.monitor.listen, 'L')}
    </button>
  );
}

/**
 * The lead's listen-in state above the board: requesting / connecting / 监听中 with the agent and
 * the time listened, and 停止监听（Esc）; after a listen ended or was refused, why.
 */
export function MonitorStatus() {
  const s = useMonitorStore();
  const now = useNow(1000);
  const who = s.agent ? `${s.agent} ${s.agentName ?? ''}`.trim() : '';
  let line: string | null = null;
  if (s.phase === 'requesting') line = messages.monitor.requesting(who);
  else if (s.phase === 'connecting') line = messages.monitor.connecting(who);
  else if (s.phase === 'listening') line = `${messages.monitor.listening(who)} ${formatDuration(now - (s.since ?? now))}`;
  return (
    <div className="live-monitor" role="status" aria-label={messages.monitor.region} data-monitor={s.phase}>
      {line ? <strong>{line}</strong> : null}
      {s.phase !== 'idle' ? (
        <button type="button" onClick={() => void monitorActions.stopListening()} aria-keyshortcuts="Escape">
          {messages.monitor.stop}
        </button>
      ) : null}
      {s.notice ? <span className={s.notice.level === 'error' ? 'form-error' : 'muted'}>{s.notice.text}</span> : null}
    </div>
  );
}
