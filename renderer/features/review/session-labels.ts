import { messages } from '../../i18n/messages';

/** mm:ss of a duration in ms (hours roll into minutes: a visit call is short). Negative → 00:00. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const mm = Math.floor(total / 60);
  const ss = total % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/** Local date and time, `YYYY-MM-DD HH:mm` (the desk's one format). */
export function formatDateTime(epochMs: number): string {
  return messages.common.dateTime(epochMs);
}

function attemptText(code: string): string {
  return (messages.review.attempts as Record<string, string>)[code] ?? code;
}

/**
 * zh-CN label of a session outcome as the workstation stores it: a result category
 * (`standard` → 标准件 …), `unreached:<attempt>` → 未接通（占线）, `interim:<attempt>` →
 * 未完成（客户不便）, `not_counted` → 不计次; anything else is shown as written.
 */
export function outcomeLabel(outcome: string | null): string {
  if (outcome === null) return messages.review.noOutcome;
  if (outcome === 'not_counted') return messages.review.notCounted;
  const category = messages.review.categories[outcome];
  if (category) return category;
  const [prefix, rest] = [outcome.slice(0, outcome.indexOf(':')), outcome.slice(outcome.indexOf(':') + 1)];
  if (prefix === 'unreached') return messages.review.unreached(attemptText(rest));
  if (prefix === 'interim') return messages.review.interim(attemptText(rest));
  return outcome;
}

/** zh-CN label of a session's recording state; a recording finalised by crash recovery is 恢复. */
export function recordingLabel(state: string, recovered: boolean): string {
  if (recovered && state === 'finalised') return messages.review.recovered;
  return messages.review.recordingStates[state] ?? state;
}
