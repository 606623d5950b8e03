import { useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { ANSWER_LABELS } from '../../../shared/domain/script/answer';
import { renderText, type ScriptContext } from '../../../shared/domain/script/placeholders';
import { availableActions } from '../../../shared/domain/script/script-engine';
import type { BreakOffReason } from '../../../shared/domain/script/script-state';
import { AnswerHistory } from './answer-history';
import { ANSWER_KEYS, BRANCH_KEYS, KEY_OF_ANSWER } from './wizard-keys';
import { wizardMessages as t } from './wizard-messages';
import { useWizardStore } from './wizard-store';

const isTextField = (el: EventTarget | null) => el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'radio') || el instanceof HTMLSelectElement;

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
  const { choose, confirm, back, branch, breakOff, setNotes } = useWizardStore.getState();
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  const ended = script?.phase === 'finished' || script?.phase === 'broken_off';

  useEffect(() => {
    rootRef.current?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useWizardStore.getState().script;
      if (!s) return;
      if (e.altKey && (e.key === 'm' || e.key === 'M' || e.code === 'KeyM')) {
        e.preventDefault();
        notesRef.current?.focus();
        return;
      }
      if (isTextField(e.target)) {
        if (e.key === 'Escape') rootRef.current?.focus();
        return;
      }
      if (s.phase === 'finished' || s.phase === 'broken_off') {
        if (e.key === 'Enter') {
          e.preventDefault();
          onDone();
        }
        return;
      }
      if (e.altKey) {
        const actions = availableActions(s);
        const letter = e.code.startsWith('Key') ? e.code.slice(3) : e.key.toUpperCase();
        const hit = actions.branches.find((b) => BRANCH_KEYS[b.code] === letter);
        if (hit) {
          e.preventDefault();
          branch(hit.code);
        }
        return;
      }
      // flushSync: the next question is in the DOM before this handler returns, so it is painted
      // in the very next frame (keypress → paint within one frame).
      if (ANSWER_KEYS[e.key]) {
        e.preventDefault();
        flushSync(() => choose(ANSWER_KEYS[e.key]));
      } else if (e.key === 'Enter') {
        e.preventDefault();
        flushSync(() => confirm(t.needAnswer));
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        flushSync(() => back());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [branch, back, choose, confirm, onDone]);

  if (!script || !policy) return null;
  const actions = availableActions(script);
  const step = script.phase === 'asking' || script.phase === 'explaining' ? script.steps[script.index] : null;
  const fill = (text: string) => renderText(text, policy, context);

  return (
    <section className="wizard" aria-labelledby="wizard-title" tabIndex={-1} ref={rootRef}>
      <div className="wizard-head">
        <h2 id="wizard-title">{t.title}</h2>
        {step ? <span className="wizard-progress">{t.progress(script.index + 1, script.steps.length)}</span> : null}
      </div>
      <div className="wizard-body">
        <div className="wizard-main">
          {step ? (
            <article className={`wizard-step step-${step.kind}`} aria-live="polite">
              <h3 className="wizard-question" id="current-question">
                {fill(step.text)}
              </h3>
              {script.notice ? (
                <div className={`wizard-notice notice-${script.notice.kind}`} role="note">
                  <strong>{script.notice.kind === 'explanation' ? t.explanation : t.branchLine}</strong>
                  <p>{fill(script.notice.text)}</p>
                  {script.notice.kind === 'explanation' ? <p className="reask">{t.reask}：{fill(step.text)}</p> : null}
                </div>
              ) : null}
              {actions.answers.length > 0 ? (
                <div role="radiogroup" aria-label={t.answerGroup} aria-describedby="current-question" className="answers">
                  {actions.answers.map((a) => (
                    <button key={a} type="button" role="radio" aria-checked={chosen === a} className={`answer${chosen === a ? ' is-chosen' : ''}`} onClick={() => choose(a)}>
                      <kbd>{KEY_OF_ANSWER[a]}</kbd> {ANSWER_LABELS[a]}
                    </button>
                  ))}
                </div>
              ) : null}
              {actions.acknowledge ? (
                <button type="button" className="primary" onClick={() => confirm(t.needAnswer)}>
                  {t.acknowledge}
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => confirm(t.needAnswer)}>
                  {chosen ? t.selected(ANSWER_LABELS[chosen]) : '确认（Enter）'}
                </button>
              )}
              {hint ? (
                <p className="wizard-hint" role="alert">
                  {hint}
                </p>
              ) : null}
              {actions.branches.length > 0 ? (
                <div className="branches" role="group" aria-label={t.branches}>
                  {actions.branches.map((b) => (
                    <button key={b.code} type="button" onClick={() => branch(b.code)} aria-keyshortcuts={`Alt+${BRANCH_KEYS[b.code]}`}>
                      <kbd>Alt+{BRANCH_KEYS[b.code]}</kbd> {b.label}
                    </button>
                  ))}
                </div>
              ) : null}
              <div className="wizard-secondary">
                <button type="button" onClick={() => back()} disabled={!actions.back}>
                  {t.back}
                </button>
                <label className="break-off">
                  {t.breakOff}
                  <select value="" onChange={(e) => e.target.value && breakOff(e.target.value as BreakOffReason)}>
                    <option value="">—</option>
                    {(Object.keys(t.breakOffReasons) as BreakOffReason[]).map((r) => (
                      <option key={r} value={r}>
                        {t.breakOffReasons[r]}
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
                  <strong>{t.endLine}</strong>
                  <p>{fill(script.notice.text)}</p>
                </div>
              ) : null}
              <p>{script.phase === 'finished' ? t.finished : t.brokenOff}</p>
              <button type="button" className="primary" onClick={onDone} autoFocus>
                {t.toOutcome}
              </button>
            </article>
          ) : null}
          <label className="notes">
            {t.notes}
            <textarea ref={notesRef} value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={2000} />
          </label>
        </div>
        <aside className="wizard-side">
          <section className="forbidden" aria-labelledby="forbidden-title">
            <h3 id="forbidden-title">{t.forbiddenTitle}</h3>
            <ul>
              {t.forbidden.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </section>
          <AnswerHistory state={script} />
        </aside>
      </div>
      <p className="shortcut-bar">{t.shortcuts}</p>
    </section>
  );
}
