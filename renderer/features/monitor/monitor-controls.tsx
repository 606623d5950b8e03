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

const MODES = [
  ['listen', 'L'],
  ['whisper', 'W'],
  ['barge', 'B'],
] as const;

/**
 * The lead's listen-in state above the board: requesting / connecting / 监听中 with the agent and
 * the time listened, the mode in force (监听 / 耳语 / 强插, with who hears the lead) and a button
 * per mode, and 停止监听（Esc）; after a listen ended or a start or switch was refused, why.
 */
export function MonitorStatus() {
  const s = useMonitorStore();
  const now = useNow(1000);
  const who = s.agent ? `${s.agent} ${s.agentName ?? ''}`.trim() : '';
  let line: string | null = null;
  if (s.phase === 'requesting') line = messages.monitor.requesting(who);
  else if (s.phase === 'connecting') line = messages.monitor.connecting(who);
  else if (s.phase === 'listening') line = `${messages.monitor.listening(who)} ${formatDuration(now - (s.since ?? now))}`;
  const listening = s.phase === 'listening';
  return (
    <div className="live-monitor" role="status" aria-label={messages.monitor.region} data-monitor={s.phase} data-mode={listening ? s.mode : undefined}>
      {line ? <strong>{line}</strong> : null}
      {listening ? (
        <span className="live-monitor-mode">
          {messages.monitor.modeLine(messages.monitor.modeName[s.mode], messages.monitor.modeHint[s.mode])}
          {s.switching ? ` ${messages.monitor.switching(messages.monitor.modeName[s.switching])}` : ''}
        </span>
      ) : null}
      {listening
        ? MODES.map(([mode, key]) => (
            <button
              key={mode}
              type="button"
              aria-pressed={s.mode === mode}
              aria-keyshortcuts={key}
              disabled={s.switching !== null}
              onClick={() => void monitorActions.switchMode(mode)}
            >
              {messages.monitor.modeButton(messages.monitor.modeName[mode], key)}
            </button>
          ))
        : null}
      {s.phase !== 'idle' ? (
        <button type="button" onClick={() => void monitorActions.stopListening()} aria-keyshortcuts="Escape">
          {messages.monitor.stop}
        </button>
      ) : null}
      {s.notice ? <span className={s.notice.level === 'error' ? 'form-error' : 'muted'}>{s.notice.text}</span> : null}
    </div>
  );
}
