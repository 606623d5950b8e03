import type { AttemptRecord } from '../../data/records';
import { messages } from '../../i18n/messages';

/**
 * The attempts made on this case, newest first, in local time; and — when the last reached call
 * was cut off mid-script — that its answers wait for the next call (docs/domain.md §6).
 */
export function AttemptHistory({ attempts }: { attempts: readonly AttemptRecord[] }) {
  const sorted = [...attempts].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  const carried = sorted.find((a) => a.progress !== undefined)?.progress ?? null;
  return (
    <section aria-labelledby="attempts-title" className="attempts">
      <h3 id="attempts-title">{messages.caseView.attempts}</h3>
      {carried ? (
        <p className="attempts-carried" role="note">
          {messages.caseView.carried(messages.common.dateTime(carried.cutOffAt))}
        </p>
      ) : null}
      {sorted.length === 0 ? (
        <p className="muted">{messages.caseView.noAttempts}</p>
      ) : (
        <ol>
          {sorted.map((a) => (
            <li key={a.id}>
              <time dateTime={a.occurredAt}>{messages.common.dateTime(a.occurredAt)}</time> · {messages.caseView.outcomes[a.outcome] ?? a.outcome} · {a.agent}
              {a.note ? ` · ${a.note}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
