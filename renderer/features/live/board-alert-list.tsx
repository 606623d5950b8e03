import type { BoardAlertLimits, LiveAgent } from '../../../shared/sync';
import { formatDuration } from '../agent-status/format-duration';
import { messages } from '../../i18n/messages';
import { boardAlerts, type BoardAlert } from './board-alerts';

function text(alert: BoardAlert, who: string): string {
  const m = messages.live;
  switch (alert.kind) {
    case 'regulatory_answer':
      return m.alertRegulatory(who, alert.stepId ?? '', alert.answer === 'no' ? m.answerNo : m.answerUnclear);
    case 'long_call':
      return m.alertLongCall(who, formatDuration(alert.forMs ?? 0));
    case 'long_wrap_up':
      return m.alertLongWrapUp(who, formatDuration(alert.forMs ?? 0));
    case 'long_pause':
      return m.alertLongPause(who, formatDuration(alert.forMs ?? 0));
    case 'recording_failed':
      return m.alertRecordingFailed(who);
    case 'deadline_risk':
      return m.alertDeadlineRisk(who, alert.policyNo ?? '', alert.deadline ?? '');
  }
}

/** The alerts above the lead's board (see `boardAlerts`); nothing when there are none. */
export function BoardAlertList({
  agents,
  names,
  now,
  limits,
}: {
  agents: readonly LiveAgent[];
  names: ReadonlyMap<string, string>;
  now: number;
  limits?: BoardAlertLimits;
}) {
  const alerts = boardAlerts(agents, now, limits);
  if (alerts.length === 0) return null;
  return (
    <ul className="live-alerts" aria-label={messages.live.alertsRegion} role="alert">
      {alerts.map((a) => (
        <li key={`${a.staffNo}-${a.kind}`} data-alert={a.kind}>
          {text(a, `${a.staffNo} ${names.get(a.staffNo) ?? ''}`.trim())}
        </li>
      ))}
    </ul>
  );
}
