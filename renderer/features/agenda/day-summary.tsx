import type { DayFigures, FinishedCase } from '../../data/day-figures';
import { messages } from '../../i18n/messages';

const f = messages.agenda.figures;
const d = messages.agenda.finished;

/** Talk time in whole hours, minutes and seconds. */
function talkTime(sec: number): string {
  return f.talk(Math.floor(sec / 3600), Math.floor((sec % 3600) / 60), sec % 60);
}

/**
 * 今日数据: the agent's own figures for today, with the desk's definition of its success rate on
 * screen (it is not the centre's rate of docs/domain.md §8).
 */
export function DayFiguresView({ figures }: { figures: DayFigures | undefined }) {
  const rate =
    figures && figures.results > 0 ? f.rate(Math.round((figures.successes / figures.results) * 1000) / 10, figures.successes, figures.results) : f.noResults;
  return (
    <section className="agenda-figures" aria-labelledby="agenda-figures-title">
      <h3 id="agenda-figures-title">{f.title}</h3>
      {figures ? (
        <dl className="agenda-figure-list">
          <dt>{f.calls}</dt>
          <dd>{figures.calls}</dd>
          <dt>{f.visitsCompleted}</dt>
          <dd>{figures.visitsCompleted}</dd>
          <dt>{f.successRate}</dt>
          <dd>{rate}</dd>
          <dt>{f.talkTime}</dt>
          <dd>{talkTime(figures.talkSec)}</dd>
        </dl>
      ) : (
        <p>{messages.agenda.loading}</p>
      )}
      <p className="agenda-definition">{f.rateDefinition}</p>
      <p className="agenda-definition">{f.callsDefinition}</p>
    </section>
  );
}

/** 今日完成: the cases the agent finished today, with their result category. */
export function FinishedTodayView({ cases }: { cases: readonly FinishedCase[] | undefined }) {
  return (
    <section className="agenda-finished" aria-labelledby="agenda-finished-title">
      <h3 id="agenda-finished-title">{d.title}</h3>
      {cases && cases.length === 0 ? <p className="agenda-empty">{d.empty}</p> : null}
      {cases && cases.length > 0 ? (
        <table aria-labelledby="agenda-finished-title">
          <thead>
            <tr>
              <th scope="col">{d.columns.at}</th>
              <th scope="col">{d.columns.policyNo}</th>
              <th scope="col">{d.columns.holder}</th>
              <th scope="col">{d.columns.product}</th>
              <th scope="col">{d.columns.category}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.policyNo}>
                <td>{messages.common.clock(c.at)}</td>
                <td>{c.policyNo}</td>
                <td>{c.holderName || messages.common.none}</td>
                <td>{c.productName || messages.common.none}</td>
                <td>{messages.outcome.categories[c.classification] ?? c.classification}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
