import { useEffect, useState } from 'react';
import type { OutcomeCategory } from '../../../shared/domain/outcome/outcome-scheme';
import type { RosterView } from '../../data/team-roster';
import { CallbackForm } from '../callbacks/callback-form';
import { callbackMessages } from '../callbacks/callback-messages';
import { outcomeMessages as t } from './outcome-messages';
import type { VisitDecision } from './visit-decision';
import type { CallbackDraft, OutcomeOverride } from './visit-writes';

const CATEGORIES: readonly OutcomeCategory[] = ['standard', 'substandard', 'problem', 'verification'];

/** What the agent confirms on the outcome screen. */
export interface OutcomeConfirmation {
  readonly override: OutcomeOverride | null;
  readonly callback: CallbackDraft | null;
}

/**
 * Shows the domain core's classification (category, kinds, follow-up) for the call just made.
 * The agent may change it only with a reason (kept with the result), may book a callback, and
 * finishes with Ctrl+Enter.
 */
export function OutcomeScreen({
  decision,
  attemptNo,
  maxAttempts,
  deadline,
  me,
  roster,
  language = null,
  suggestCallback,
  busy,
  error,
  onFinish,
}: {
  decision: VisitDecision;
  attemptNo: number;
  maxAttempts: number;
  deadline: string | null;
  me: string;
  /** Colleagues a callback can be booked for (null while loading). */
  roster: RosterView | null;
  /** The case's dialect (null: Mandarin). */
  language?: string | null;
  suggestCallback: boolean;
  busy: boolean;
  error: string | null;
  onFinish: (c: OutcomeConfirmation) => void;
}) {
  const c = decision.classification;
  const [changing, setChanging] = useState(false);
  const [category, setCategory] = useState<OutcomeCategory>(c.category);
  const [reason, setReason] = useState('');
  const [booking, setBooking] = useState(suggestCallback);
  const [callback, setCallback] = useState<CallbackDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [now] = useState(() => Date.now());

  const finish = () => {
    if (busy) return;
    if (changing && category !== c.category && reason.trim() === '') return setProblem(t.needReason);
    if (booking && callback === null) return setProblem(t.needCallback);
    setProblem(null);
    const override: OutcomeOverride | null =
      changing && category !== c.category ? { category, kinds: category === 'standard' ? [] : c.kinds.map((k) => k.code), reason: reason.trim() } : null;
    onFinish({ override, callback: booking ? callback : null });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        finish();
      } else if (e.altKey && e.code === 'KeyC') {
        e.preventDefault();
        setChanging(true);
      } else if (e.altKey && e.code === 'KeyB') {
        e.preventDefault();
        setBooking((b) => !b);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t.title}</h2>
      <dl className="outcome-facts">
        <div>
          <dt>{t.computed}</dt>
          <dd>
            <strong className={`category category-${c.category}`} data-testid="outcome-category">
              {c.categoryLabel.zh}
            </strong>
          </dd>
        </div>
        <div>
          <dt>{t.kinds}</dt>
          <dd>
            {c.kinds.length === 0 ? (
              t.noKinds
            ) : (
              <ul aria-label={t.kinds}>
                {c.kinds.map((k) => (
                  <li key={k.code} data-kind={k.code}>
                    {k.label.zh}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.followUp}</dt>
          <dd>
            {c.followUp ? (
              <>
                {t.workOrders[c.followUp.workOrderKind]} · {t.deadline(c.followUp.deadlineWorkingDays)} · {t.owner(c.followUp.owner.branchName)}
                {c.followUp.sellerMayHandle ? '' : ` · ${t.sellerMayNot}`}
              </>
            ) : (
              t.noFollowUp
            )}
          </dd>
        </div>
      </dl>
      {decision.kind === 'interim' ? <p className="outcome-note">{t.interim(attemptNo, maxAttempts)}</p> : null}
      {decision.kind === 'final' && decision.attemptOutcome !== null ? <p className="outcome-note">{t.becameVerification(maxAttempts)}</p> : null}
      {changing ? (
        <fieldset className="override">
          <legend>{t.changeTitle}</legend>
          <label>
            {t.newCategory}
            <select autoFocus value={category} onChange={(e) => setCategory(e.target.value as OutcomeCategory)}>
              {CATEGORIES.map((k) => (
                <option key={k} value={k}>
                  {t.categories[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.changeReason}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        </fieldset>
      ) : (
        <button type="button" onClick={() => setChanging(true)}>
          {t.change}
        </button>
      )}
      {booking ? (
        <>
          <CallbackForm me={me} deadline={deadline} now={now} roster={roster} language={language} onChange={setCallback} />
          <button type="button" onClick={() => setBooking(false)}>
            {callbackMessages.cancel}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setBooking(true)}>
          {callbackMessages.book}
        </button>
      )}
      {problem || error ? (
        <p className="form-error" role="alert">
          {problem ?? error}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={finish} disabled={busy}>
        {busy ? t.finishing : t.finish}
      </button>
      <p className="shortcut-bar">{t.shortcuts}</p>
    </section>
  );
}
