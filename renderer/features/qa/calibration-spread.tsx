import type { SpreadAnswer } from '../../../shared/sync/qa-answers';
import { messages } from '../../i18n/messages';

const t = () => messages.qaDesk;

/** A calibration's spread against the lead's reference: per item, then per reviewer (README "QA evaluations"). */
export function CalibrationSpread({ spread }: { spread: SpreadAnswer }) {
  return (
    <section className="qa-desk-section" aria-labelledby="qa-spread-title">
      <h4 id="qa-spread-title">{t().spreadTitle}</h4>
      {spread.withoutReference.length > 0 ? <p className="review-note">{t().withoutReference(spread.withoutReference.length)}</p> : null}
      <table aria-label={t().byItem}>
        <thead>
          <tr>
            <th scope="col">{t().colItem}</th>
            <th scope="col">{t().colCompared}</th>
            <th scope="col">{t().colDisagreements}</th>
            <th scope="col">{t().colSpread}</th>
          </tr>
        </thead>
        <tbody>
          {spread.items.map((i) => (
            <tr key={i.itemId} data-spread={i.spread > 0 ? 'differs' : 'agrees'}>
              <th scope="row">{messages.qa.item(i.itemId)}</th>
              <td>{i.compared}</td>
              <td>{i.disagreements}</td>
              <td>{t().pct(i.spread)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label={t().byReviewer}>
        <thead>
          <tr>
            <th scope="col">{t().colReviewer}</th>
            <th scope="col">{t().colCalls}</th>
            <th scope="col">{t().colAgreement}</th>
            <th scope="col">{t().colDelta}</th>
            <th scope="col">{t().colMismatch}</th>
          </tr>
        </thead>
        <tbody>
          {spread.reviewers.map((r) => (
            <tr key={r.evaluator}>
              <th scope="row">{r.evaluator}</th>
              <td>{r.calls}</td>
              <td>{t().pct(r.agreement)}</td>
              <td>{t().delta(r.meanScoreDelta)}</td>
              <td>{r.outcomeMismatches}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
