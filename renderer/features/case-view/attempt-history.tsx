import type { AttemptRecord } from '../../data/records';
import { caseViewMessages as t } from './case-view-messages';

/** The attempts made on this case, newest first. */
export function AttemptHistory({ attempts }: { attempts: readonly AttemptRecord[] }) {
  const sorted = [...attempts].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <section aria-labelledby="attempts-title" className="attempts">
      <h3 id="attempts-title">{t.attempts}</h3>
      {sorted.length === 0 ? (
        <p className="muted">{t.noAttempts}</p>
      ) : (
        <ol>
          {sorted.map((a) => (
            <li key={a.id}>
              <time dateTime={a.occurredAt}>{a.occurredAt.slice(0, 16).replace('T', ' ')}</time> · {t.outcomes[a.outcome] ?? a.outcome} · {a.agent}
              {a.note ? ` · ${a.note}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
