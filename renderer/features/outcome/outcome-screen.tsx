import { useEffect, useRef, useState } from 'react';
import type { PolicyCase } from '../../../shared/domain/case';
import type { AuthorisedProxy } from '../../../shared/domain/script/authorised-proxy';
import type { EndReason } from '../../../shared/domain/script/script-definition';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import type { RosterView } from '../../data/team-roster';
import { CallbackForm } from '../callbacks/callback-form';
import { messages } from '../../i18n/messages';
import './outcome.css';
import { OutcomeFacts } from './outcome-facts';
import { OutcomeRecap } from './outcome-recap';
import { draftFor, OverrideFields, type OverrideDraft } from './override-fields';
import type { VisitDecision } from './visit-decision';
import type { CallbackDraft, OutcomeOverride } from './visit-writes';

/** What the agent confirms on the outcome screen. */
export interface OutcomeConfirmation {
  readonly override: OutcomeOverride | null;
  readonly callback: CallbackDraft | null;
  /** The agent keeps the case open for another call instead of the final result (docs/domain.md §6). */
  readonly keepOpen?: { readonly reason: string } | null;
}

/**
 * Shows the domain core's classification (category, kinds, follow-up) for the call just made.
 * The agent may change it only with a reason (kept with the result) and, for a category other than
 * 标准件, at least one kind of that category; may book a callback while the case stays open (an
 * interim attempt — a final result closes the case, so a callback would go missing); and finishes
 * with Ctrl+Enter. A validation message stays only while its cause does.
 */
export function OutcomeScreen({
  decision,
  attemptNo,
  maxAttempts,
  deadline,
  me,
  roster,
  language = null,
  proxy = null,
  endReason = null,
  suggestCallback,
  recap = null,
  busy,
  error,
  onFinish,
  onFinishAndRedial = null,
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
  /** The authorised family member who answered for the policyholder (shown with the result). */
  proxy?: AuthorisedProxy | null;
  /** Why the call ended before the script's end (shown for an interim attempt). */
  endReason?: EndReason | null;
  suggestCallback: boolean;
  /** The case, the number called and the call's notes, recapped above the result. */
  recap?: { policy: PolicyCase; number: string | null; notes: string } | null;
  busy: boolean;
  error: string | null;
  onFinish: (c: OutcomeConfirmation) => void;
  /** Saves the attempt and dials the same number again (offered after a dropped line). */
  onFinishAndRedial?: ((c: OutcomeConfirmation) => void) | null;
}) {
  const c = decision.classification;
  const [changing, setChanging] = useState(false);
  const [draft, setDraft] = useState<OverrideDraft>(() => draftFor(c, c.category, ''));
  const [callback, setCallback] = useState<CallbackDraft | null>(null);
  const [tried, setTried] = useState(false);
  const [now] = useState(() => Date.now());
  // While the cooling-off period runs the agent can always keep the case open (docs/domain.md §6).
  const mayKeepOpen = decision.kind === 'final' && (deadline === null || messages.common.day(now) <= deadline.slice(0, 10));
  const keeping = changing && draft.category === 'keep_open';
  /** A final result closes the case: nobody would ever see a callback booked now. */
  const mayBook = decision.kind !== 'final' || keeping;
  const [booking, setBooking] = useState(suggestCallback && mayBook);
  // The first thing needing the agent: the callback's time when one is suggested (its field takes
  // focus itself), else the screen — not the finish button, so a stray Enter cannot finish the visit
  // (that takes Ctrl+Enter). Back here when the callback or override fields close.
  const rootRef = useRef<HTMLElement>(null);
  useFocusOnMount(rootRef, { key: `${booking}:${changing}` });

  const target = draft.category === 'keep_open' ? null : draft.category;
  const overriding = changing && target !== null && target !== c.category;
  const problems = [
    overriding && target !== 'standard' && draft.kinds.length === 0 ? messages.outcome.needKinds(messages.outcome.categories[target]) : null,
    (overriding || keeping) && draft.reason.trim() === '' ? messages.outcome.needReason : null,
    mayBook && booking && callback === null ? messages.outcome.needCallback : null,
  ].filter((p): p is string => p !== null);
  // Shown once the agent tried to finish, and only while the cause is still there.
  const shown = tried ? problems : [];

  // A dropped line (no sound, network) is worth one keystroke to call straight back.
  const redial = decision.kind === 'interim' && endReason === 'line_dropped' && !keeping ? onFinishAndRedial : null;
  const finish = (then: (c: OutcomeConfirmation) => void = onFinish) => {
    if (busy) return;
    setTried(true);
    if (problems.length > 0) return;
    const override: OutcomeOverride | null =
      overriding && target ? { category: target, kinds: target === 'standard' ? [] : [...draft.kinds], reason: draft.reason.trim() } : null;
    then({ override, callback: mayBook && booking ? callback : null, keepOpen: keeping ? { reason: draft.reason.trim() } : null });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        finish();
      } else if (e.altKey && e.code === 'KeyC') {
        e.preventDefault();
        setChanging(true);
      } else if (e.altKey && e.code === 'KeyR' && redial) {
        e.preventDefault();
        finish(redial);
      } else if (e.altKey && e.code === 'KeyB') {
        e.preventDefault();
        if (mayBook) setBooking((b) => !b);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="outcome" aria-labelledby="outcome-title" tabIndex={-1} ref={rootRef}>
      <h2 id="outcome-title">{messages.outcome.title}</h2>
      {recap ? <OutcomeRecap {...recap} /> : null}
      <OutcomeFacts decision={decision} proxy={proxy} endReason={endReason} maxAttempts={maxAttempts} />
      {decision.kind === 'interim' ? <p className="outcome-note">{messages.outcome.interim(attemptNo, maxAttempts)}</p> : null}
      {decision.kind === 'final' && decision.attemptOutcome !== null ? (
        <p className="outcome-note">{messages.outcome.becameVerification(maxAttempts)}</p>
      ) : null}
      {changing ? (
        <OverrideFields computed={c} draft={draft} mayKeepOpen={mayKeepOpen} onChange={setDraft} />
      ) : (
        <button type="button" onClick={() => setChanging(true)}>
          {messages.outcome.change}
        </button>
      )}
      {!mayBook ? (
        <p className="outcome-note" data-testid="no-callback">
          {c.followUp ? messages.outcome.noCallbackFollowUp : messages.outcome.noCallbackClosed}
        </p>
      ) : booking ? (
        <>
          <CallbackForm me={me} deadline={deadline} now={now} roster={roster} language={language} onChange={setCallback} />
          <button type="button" onClick={() => setBooking(false)}>
            {messages.callbacks.cancel}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setBooking(true)}>
          {messages.callbacks.book}
        </button>
      )}
      {shown.length > 0 || error ? (
        <p className="form-error" role="alert">
          {shown.length > 0 ? messages.common.clauses(shown) : error}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={() => finish()} disabled={busy}>
        {busy ? messages.outcome.finishing : messages.outcome.finish}
      </button>
      {redial ? (
        <button type="button" onClick={() => finish(redial)} disabled={busy}>
          {messages.outcome.finishAndRedial}
        </button>
      ) : null}
      <p className="shortcut-bar">
        {mayBook ? messages.outcome.shortcuts : messages.outcome.shortcutsFinal}
        {redial ? messages.outcome.redialShortcut : ''}
      </p>
    </section>
  );
}
