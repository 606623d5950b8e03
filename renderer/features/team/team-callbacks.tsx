import type { TeamCallback } from '../../../shared/sync';
import { messages } from '../../i18n/messages';

const t = messages.team.callbacks;

/** Due time as the desk shows it: local date and time, minutes precision. */
function dueText(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Callbacks booked on the team's open cases, soonest first, with the agent who carries each by
 * name; overdue ones are marked: the customer was promised the call (docs/domain.md §5.3: busy → book
 * a callback), so a missed one is the lead's to chase.
 */
export function TeamCallbacks({ callbacks }: { callbacks: readonly TeamCallback[] }) {
  return (
    <section className="team-callbacks" aria-labelledby="team-callbacks-title">
      <h3 id="team-callbacks-title">{t.title}</h3>
      {callbacks.length === 0 ? (
        <p className="queue-empty">{t.empty}</p>
      ) : (
        <table aria-labelledby="team-callbacks-title">
          <thead>
            <tr>
              {Object.values(t.columns).map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {callbacks.map((c) => (
              <tr key={c.id} className={c.overdue ? 'is-overdue' : undefined}>
                <td>
                  {dueText(c.dueAt)}
                  {c.overdue ? <strong className="deadline is-urgent"> {t.overdue}</strong> : null}
                </td>
                <td>{c.agentName ?? c.agent}</td>
                <td>{c.policyNo}</td>
                <td>{c.holder}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
