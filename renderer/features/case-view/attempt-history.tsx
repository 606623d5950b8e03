import type { AttemptRecord } from '../../data/records';
import { messages } from '../../i18n/messages';

/** The attempts made on this case, newest first. */
export function AttemptHistory({ attempts }: { attempts: readonly AttemptRecord[] }) {
  const sorted = [...attempts].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <section aria-labelledby="attempts-title" className="attempts">
      <h3 id="attempts-title">{messages.caseView.attempts}</h3>
      {sorted.length === 0 ? (
        <p className="muted">{messages.caseView.noAttempts}</p>
      ) : (
        <ol>
          {sorted.map((a) => (
            <li key={a.id}>
              <time dateTime={a.occurredAt}>{a.occurredAt.slice(0, 16).replace('T', ' ')}</time> · {messages.caseView.outcomes[a.outcome] ?? a.outcome} ·{' '}
              {a.agent}
              {a.note ? ` · ${a.note}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
