import { useCallback, useEffect, useRef, useState } from 'react';
import { ANSWER_LABELS } from '../../../shared/domain/script/answer';
import { proxyWording } from '../../../shared/domain/script/authorised-proxy';
import { renderText, type ScriptContext } from '../../../shared/domain/script/placeholders';
import { availableActions } from '../../../shared/domain/script/script-engine';
import type { BranchCode, BranchDef } from '../../../shared/domain/script/script-definition';
import type { BreakOffReason } from '../../../shared/domain/script/script-state';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { AnswerHistory } from './answer-history';
import { identityPassed } from './identity-passed';
import { ProxyForm } from './proxy-form';
import { needAnswerHint } from './answer-hints';
import { useScriptKeys } from './use-script-keys';
import { BRANCH_KEYS, KEY_OF_ANSWER } from './wizard-keys';
import { messages } from '../../i18n/messages';
import { useWizardStore } from './wizard-store';

/**
 * The guided script: one step at a time, case data filled in, explicit answers (1–4 then Enter),
 * explanation and re-ask on a non-是 answer, branches for the person's reactions, Backspace to go
 * back (the history keeps every answer), forbidden-phrase reminders and free notes.
 */
export function WizardScreen({ context, onDone }: { context: ScriptContext; onDone: () => void }) {
  const script = useWizardStore((s) => s.script);
  const policy = useWizardStore((s) => s.policy);
  const chosen = useWizardStore((s) => s.chosen);
  const hint = useWizardStore((s) => s.hint);
  const notes = useWizardStore((s) => s.notes);
  const dialledNumber = useWizardStore((s) => s.dialledNumber);
  const callEnded = useWizardStore((s) => s.callEnded);
  const { choose, back, branch, breakOff, setNotes } = useWizardStore.getState();
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  const breakOffRef = useRef<HTMLSelectElement>(null);
  const [pendingReason, setPendingReason] = useState<BreakOffReason | ''>('');
  // The authorised-family-member form (a `proxy` branch), open on the step it was asked on.
  const [proxyOn, setProxyOn] = useState<{ readonly stepId: string; readonly code: BranchCode } | null>(null);
  const keyedReason = useRef(false);
  const ended = script?.phase === 'finished' || script?.phase === 'broken_off';
  // The call is over but the script is not: the agent must say why it ended.
  const awaitingReason = callEnded !== null && (script?.phase === 'asking' || script?.phase === 'explaining');

  // The script region takes 1–4, Enter and Backspace; back to it on each new step unless the agent
  // moved on (to the notes, the end reason, a button).
  useFocusOnMount(rootRef, { key: `${script?.phase}:${script?.index}` });

  useEffect(() => {
    if (awaitingReason) breakOffRef.current?.focus();
  }, [awaitingReason]);

  /**
   * Enter / the confirm button: confirms the chosen answer or reads the statement. After the call
   * ended, a question with no answer chosen cannot be asked any more: point to the end reason.
   */
  const confirmOrPoint = useCallback(() => {
    const st = useWizardStore.getState();
    const s = st.script;
    const step = s && (s.phase === 'asking' || s.phase === 'explaining') ? s.steps[s.index] : null;
    const unanswered = step !== null && (step.kind === 'question' || s?.phase === 'explaining') && st.chosen === null;
    if (st.callEnded && unanswered) {
      st.showHint(messages.wizard.callEnded);
      breakOffRef.current?.focus();
      return;
    }
    if (s) st.confirm(needAnswerHint(s));
  }, []);

  /** A `proxy` branch first asks who answers; every other branch is taken at once. */
  const takeBranch = useCallback(
    (b: BranchDef) => {
      const s = useWizardStore.getState().script;
      if (b.effect !== 'proxy') return branch(b.code);
      if (s && (s.phase === 'asking' || s.phase === 'explaining')) setProxyOn({ stepId: s.steps[s.index].id, code: b.code });
    },
    [branch],
  );

  useScriptKeys({ rootRef, notesRef, takeBranch, back, choose, confirmOrPoint, onDone });

  if (!script || !policy) return null;
  const actions = availableActions(script);
  const step = script.phase === 'asking' || script.phase === 'explaining' ? script.steps[script.index] : null;
  // The contact step reads back the number dialled, in full only once identity is confirmed.
  const ctx = { ...context, dialledNumber: dialledNumber ?? context.dialledNumber ?? null, identityConfirmed: identityPassed(script) };
  const fill = (text: string) => renderText(text, policy, ctx);
  // To an authorised family member the questions name the policyholder instead of saying 您.
  const ask = (text: string) => fill(script.proxy && step ? proxyWording(text, step.section) : text);
  const reasonLabel = script.endReason ? messages.wizard.endReasonLabel(script.endReason) : null;
  const commitReason = (r: BreakOffReason | '') => {
    if (r) breakOff(r);
  };

  return (
    <section className="wizard" aria-labelledby="wizard-title" tabIndex={-1} ref={rootRef}>
      <div className="wizard-head">
        <h2 id="wizard-title">{messages.wizard.title}</h2>
        {step ? <span className="wizard-progress">{messages.wizard.progress(script.index + 1, script.steps.length)}</span> : null}
      </div>
      <div className="wizard-body">
        <div className="wizard-main">
          {step ? (
            <article className={`wizard-step step-${step.kind}`} aria-live="polite">
              {script.resumedFrom ? (
                <p className="wizard-resumed" role="status">
                  {messages.wizard.resumed(messages.common.dateTime(script.resumedFrom))}
                </p>
              ) : null}
              {script.proxy ? (
                <p className="wizard-proxy" role="status">
                  {messages.common.withAside(
                    messages.common.labelled(messages.wizard.proxyOnRecord, messages.wizard.proxyWho(script.proxy)),
                    messages.wizard.proxyWording,
                  )}
                </p>
              ) : null}
              <h3 className="wizard-question" id="current-question">
                {ask(step.text)}
              </h3>
              {awaitingReason ? (
                <p className="wizard-call-ended" id="wizard-call-ended" role="status">
                  {messages.wizard.callEnded}
                </p>
              ) : null}
              {script.notice ? (
                <div className={`wizard-notice notice-${script.notice.kind}`} role="note">
                  <strong>{script.notice.kind === 'explanation' ? messages.wizard.explanation : messages.wizard.branchLine}</strong>
                  <p>{script.notice.kind === 'explanation' ? ask(script.notice.text) : fill(script.notice.text)}</p>
                  {script.notice.kind === 'explanation' ? <p className="reask">{messages.common.labelled(messages.wizard.reask, ask(step.text))}</p> : null}
                </div>
              ) : null}
              {actions.answers.length > 0 ? (
                <div role="radiogroup" aria-label={messages.wizard.answerGroup} aria-describedby="current-question" className="answers">
                  {actions.answers.map((a) => (
                    <button
                      key={a}
                      type="button"
                      role="radio"
                      aria-checked={chosen === a}
                      className={`answer${chosen === a ? ' is-chosen' : ''}`}
                      onClick={() => choose(a)}
                    >
                      <kbd>{KEY_OF_ANSWER[a]}</kbd> {ANSWER_LABELS[a]}
                    </button>
                  ))}
                </div>
              ) : null}
              {actions.acknowledge ? (
                <button type="button" className="primary" onClick={confirmOrPoint}>
                  {messages.wizard.acknowledge}
                </button>
              ) : (
                <button type="button" className="primary" onClick={confirmOrPoint}>
                  {chosen ? messages.wizard.selected(ANSWER_LABELS[chosen]) : messages.wizard.confirmEnter}
                </button>
              )}
              {hint ? (
                <p className="wizard-hint" role="alert">
                  {hint}
                </p>
              ) : null}
              {actions.branches.length > 0 ? (
                <div className="branches" role="group" aria-label={messages.wizard.branches}>
                  {actions.branches.map((b) => (
                    <button key={b.code} type="button" onClick={() => takeBranch(b)} aria-keyshortcuts={`Alt+${BRANCH_KEYS[b.code]}`}>
                      <kbd>Alt+{BRANCH_KEYS[b.code]}</kbd> {b.label}
                    </button>
                  ))}
                </div>
              ) : null}
              {proxyOn?.stepId === step.id ? (
                <ProxyForm
                  onSubmit={(p) => {
                    setProxyOn(null);
                    branch(proxyOn.code, undefined, new Date(), p);
                  }}
                  onCancel={() => {
                    setProxyOn(null);
                    rootRef.current?.focus();
                  }}
                />
              ) : null}
              <div className="wizard-secondary">
                <button type="button" onClick={() => back()} disabled={!actions.back}>
                  {messages.wizard.back}
                </button>
                <label className="break-off">
                  {messages.wizard.breakOff}
                  {/* A mouse pick ends the script at once; from the keyboard the arrows only choose
                      and Enter confirms (so passing over 客户挂断 does not end it by mistake). */}
                  <select
                    ref={breakOffRef}
                    value={pendingReason}
                    aria-describedby={awaitingReason ? 'wizard-call-ended' : undefined}
                    onPointerDown={() => {
                      keyedReason.current = false;
                    }}
                    onKeyDown={(e) => {
                      keyedReason.current = true;
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        commitReason(pendingReason);
                      }
                    }}
                    onChange={(e) => {
                      const r = e.target.value as BreakOffReason | '';
                      setPendingReason(r);
                      if (!keyedReason.current) commitReason(r);
                    }}
                  >
                    <option value="">—</option>
                    {(Object.keys(messages.wizard.breakOffReasons) as BreakOffReason[]).map((r) => (
                      <option key={r} value={r}>
                        {messages.wizard.breakOffReasons[r]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            </article>
          ) : null}
          {ended ? (
            <article className="wizard-ended" role="status">
              {script.notice?.kind === 'end' ? (
                <div className="wizard-notice notice-end">
                  <strong>{messages.wizard.endLine}</strong>
                  <p>{fill(script.notice.text)}</p>
                </div>
              ) : null}
              <p>{endedText(script.phase === 'finished', reasonLabel, callEnded === null)}</p>
              <button type="button" className="primary" onClick={onDone} autoFocus>
                {callEnded === null ? messages.wizard.hangUpAndConfirm : messages.wizard.toOutcome}
              </button>
            </article>
          ) : null}
        </div>
        <aside className="wizard-side">
          {/* Notes beside the question, not under it: in view at 1280×720 whatever the step. */}
          <label className="notes">
            {messages.wizard.notes}
            <textarea ref={notesRef} value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={2000} />
          </label>
          <section className="forbidden" aria-labelledby="forbidden-title">
            <h3 id="forbidden-title">{messages.wizard.forbiddenTitle}</h3>
            <ul>
              {messages.wizard.forbidden.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </section>
          <AnswerHistory state={script} />
        </aside>
      </div>
      <p className="shortcut-bar">{messages.wizard.shortcuts}</p>
    </section>
  );
}

/** What the end of the script says: while the call is up, Enter hangs up — said before it happens. */
function endedText(finished: boolean, reason: string | null, callUp: boolean): string {
  if (callUp) return finished ? messages.wizard.finishedCallUp : messages.wizard.endedCallUp(reason);
  if (finished) return messages.wizard.finished;
  return reason ? messages.wizard.brokenOffBecause(reason) : messages.wizard.brokenOff;
}
