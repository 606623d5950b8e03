import { useEffect, useState } from 'react';
import type { MyCalibration } from '../../../shared/sync/qa-answers';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { ask } from './centre-answer';
import { useCalibrationTarget } from './calibration-target';

const t = () => messages.qaDesk;

/**
 * The calibrations I review or lead, with the calls I still have to score (blind: nothing of the
 * others' scores is here). Opening one marks it as the calibration target, so the scoring panel
 * sends the evaluation inside the calibration; the lead's own scoring is the reference.
 */
export function CalibrationsToScore({ me, onOpen }: { me: string; onOpen: (sessionId: string) => void }) {
  const [items, setItems] = useState<readonly MyCalibration[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Back on the list: no call is being scored inside a calibration.
    useCalibrationTarget.getState().set(null);
    void ask(huifang().qa.calibrations({})).then((r) => {
      if (!live) return;
      if (r.ok) setItems(r.value.items);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, []);
  const open = items?.filter((c) => c.sessionIds.some((id) => !c.scored.includes(id))) ?? [];
  // Not an alert: this list is secondary on the replay screen.
  if (error) return <p className="form-error">{error}</p>;
  if (items === null || open.length === 0) return null;
  return (
    <section className="qa-desk-section" aria-labelledby="qa-to-score-title">
      <h3 id="qa-to-score-title">{t().toReview}</h3>
      <ul>
        {open.map((c) => (
          <li key={c.id}>
            <span>{t().calibrationLine(c.createdAt.slice(0, 10), c.sessionIds.length, c.reviewers)}</span>
            <span>{t().scoredOf(c.scored.length, c.sessionIds.length)}</span>
            {c.sessionIds
              .filter((id) => !c.scored.includes(id))
              .map((id) => (
                <button
                  key={id}
                  type="button"
                  onClick={() => {
                    useCalibrationTarget.getState().set({ calibrationId: c.id, sessionId: id });
                    onOpen(id);
                  }}
                >
                  {c.lead === me ? `${t().reference} ${id}` : t().scoreBlind(id)}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
