import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { MyCalibration, SpreadAnswer, WorkListAnswer } from '../../../shared/sync/qa-answers';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { ask } from './centre-answer';
import { CalibrationSpread } from './calibration-spread';

const t = () => messages.qaDesk;
const STAFF_NO = /^\d{3,12}$/;

/** The reviewers typed as "3001, 3002": the staff numbers, and the entries that are not one. */
function parseReviewers(text: string): { reviewers: string[]; bad: string[] } {
  const parts = text
    .split(/[,，、\s]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return { reviewers: [...new Set(parts.filter((p) => STAFF_NO.test(p)))], bad: parts.filter((p) => !STAFF_NO.test(p)) };
}

/**
 * The lead's calibration (README "QA evaluations"): pick calls of the team's sampled list and QA
 * reviewers, who then score them blind; the lead scores the reference from the replay screen and
 * reads the spread per item and per reviewer here. Space toggles a call, Ctrl+Enter creates.
 */
export function CalibrationScreen({ me }: { me: string }) {
  const [calls, setCalls] = useState<WorkListAnswer['items'] | null>(null);
  const [mine, setMine] = useState<readonly MyCalibration[]>([]);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [reviewerText, setReviewerText] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [spread, setSpread] = useState<SpreadAnswer | null>(null);

  const reload = useCallback(async () => {
    const r = await ask(huifang().qa.calibrations({}));
    if (r.ok) setMine(r.value.items.filter((c) => c.lead === me));
    else setMessage({ text: r.message, error: true });
  }, [me]);
  useEffect(() => {
    void ask(huifang().qa.workList({})).then((r) => (r.ok ? setCalls(r.value.items) : setMessage({ text: r.message, error: true })));
    void reload();
  }, [reload]);

  const { reviewers, bad } = parseReviewers(reviewerText);
  const problem = bad.length > 0 ? t().badReviewers(bad) : picked.length === 0 || reviewers.length === 0 ? t().needCallsAndReviewers : null;
  const create = async () => {
    if (problem) return;
    const r = await ask(huifang().qa.calibrate({ sessionIds: [...picked], reviewers }));
    if (!r.ok) return setMessage({ text: r.message, error: true });
    setMessage({ text: t().created(r.value.sessionIds.length, r.value.reviewers.length), error: false });
    setPicked([]);
    setReviewerText('');
    await reload();
  };
  const showSpread = async (id: string) => {
    const r = await ask(huifang().qa.spread({ id }));
    if (r.ok) setSpread(r.value);
    else setMessage({ text: r.message, error: true });
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void create();
    }
  };
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  return (
    <section className="qa-desk-section" aria-labelledby="qa-cal-title" onKeyDown={onKey}>
      <h3 id="qa-cal-title">{t().newCalibration}</h3>
      <fieldset>
        <legend>{t().pickCalls}</legend>
        {calls === null ? <p role="status">{t().loading}</p> : calls.length === 0 ? <p>{t().noCalls}</p> : null}
        {(calls ?? []).map((c) => (
          <label key={c.sessionId}>
            <input type="checkbox" checked={picked.includes(c.sessionId)} onChange={() => toggle(c.sessionId)} />
            {t().call(c.policyNo, c.agentId, c.createdAt.slice(0, 16).replace('T', ' '))}
          </label>
        ))}
      </fieldset>
      <label>
        {t().reviewers}
        <input type="text" value={reviewerText} onChange={(e) => setReviewerText(e.target.value)} />
      </label>
      {problem ? <p className="review-note">{problem}</p> : null}
      <button type="button" disabled={problem !== null} onClick={() => void create()}>
        {t().createCalibration}
      </button>
      {message ? <p role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
      <h3>{t().myCalibrations}</h3>
      {mine.length === 0 ? <p>{t().noCalibrations}</p> : null}
      <ul>
        {mine.map((c) => (
          <li key={c.id}>
            <span>{t().calibrationLine(c.createdAt.slice(0, 10), c.sessionIds.length, c.reviewers)}</span>
            <button type="button" onClick={() => void showSpread(c.id)}>
              {t().showSpread}
            </button>
          </li>
        ))}
      </ul>
      {spread ? <CalibrationSpread spread={spread} /> : null}
      <p className="shortcut-bar">{t().calibrationKeys}</p>
    </section>
  );
}
