import { useCallback, useEffect, useReducer, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { seekAndPlay } from './playback-audit';
import { prefillCall } from './call-prefill';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { initialPanel, panelReducer, undecided } from './qa-panel-state';
import { useCalibrationTarget } from '../qa/calibration-target';

const t = () => messages.qa;

/**
 * QA's evaluation of one recorded call (docs/domain.md §9), beside the player: the call's form from
 * the centre, pre-filled from the session's answers and markers; QA confirms or corrects each item
 * while listening, jumping to the item's marker. Keyboard-first: ↑/↓ (or J/K), P/F/N, G, E, Ctrl+Enter.
 * Its keys stay inside the panel, so the player's own keys act only outside it.
 */
export function QaEvaluationPanel({ session, audio, origin }: { session: CallSession; audio: RefObject<HTMLAudioElement | null>; origin: number | null }) {
  const [s, dispatch] = useReducer(panelReducer, initialPanel);
  // Inside a calibration the call may already be scored: blind, so that score and claim are not shown.
  const calibrationId = useCalibrationTarget((c) => (c.target?.sessionId === session.id ? c.target.calibrationId : null));
  const listRef = useRef<HTMLOListElement>(null);
  const seek = useCallback(
    (at: number) => {
      const el = audio.current;
      if (el && origin !== null) seekAndPlay(el, session.id, at - origin);
    },
    [audio, origin, session.id],
  );

  useEffect(() => {
    let live = true;
    void (async () => {
      const r = await huifang().qa.form({ sessionId: session.id });
      if (!live) return;
      if (!r.ok) return dispatch({ type: 'failed', message: t().refused(r.error.message) });
      const a = r.value;
      if (a.kind !== 'ok') return dispatch({ type: 'failed', message: a.kind === 'offline' ? t().offline(a.message) : t().refused(a.message) });
      const data = calibrationId ? { ...a.value, evaluation: null, claimedBy: null } : a.value;
      dispatch({ type: 'loaded', data, prefill: prefillCall(a.value.form, session) });
    })();
    return () => {
      live = false;
    };
  }, [session, calibrationId]);

  const submit = useCallback(async () => {
    if (s.phase !== 'editing' || !s.data || undecided(s).length > 0) return;
    dispatch({ type: 'submit' });
    const verdicts = s.prefill.map((p) => {
      const note = s.notes[p.itemId]?.trim();
      return { itemId: p.itemId, verdict: s.verdicts[p.itemId]!, ...(note ? { note } : {}) };
    });
    const r = await huifang().qa.submit({
      sessionId: session.id,
      formId: s.data.form.formId,
      formVersion: s.data.form.formVersion,
      verdicts,
      ...(calibrationId ? { calibrationId } : {}),
    });
    if (!r.ok) return dispatch({ type: 'refused', message: t().submitRefused(r.error.message) });
    if (r.value.kind !== 'ok') return dispatch({ type: 'refused', message: t().submitRefused(r.value.message) });
    dispatch({ type: 'done', message: t().submitted(r.value.value.score, r.value.value.passed) });
  }, [s, session.id, calibrationId]);

  const current = s.prefill[s.selected];
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const typing = (e.target as HTMLElement).tagName === 'TEXTAREA';
    if (typing) {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        listRef.current?.focus();
      }
      return;
    }
    const k = e.key.toLowerCase();
    const act = (fn: () => void) => {
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) act(() => void submit());
    else if (e.ctrlKey || e.altKey || e.metaKey) return;
    else if (e.key === 'ArrowDown' || k === 'j') act(() => dispatch({ type: 'move', delta: 1 }));
    else if (e.key === 'ArrowUp' || k === 'k') act(() => dispatch({ type: 'move', delta: -1 }));
    else if (k === 'p') act(() => dispatch({ type: 'verdict', verdict: 'pass' }));
    else if (k === 'f') act(() => dispatch({ type: 'verdict', verdict: 'fail' }));
    else if (k === 'n') act(() => dispatch({ type: 'verdict', verdict: 'na' }));
    else if (k === 'g' || e.key === 'Enter') act(() => current?.jumpAt != null && seek(current.jumpAt));
    else if (k === 'e' && current) act(() => document.getElementById(`qa-note-${current.itemId}`)?.focus());
  };

  const items = s.data?.form.items ?? [];
  const left = undecided(s);
  return (
    <section className="qa-panel" aria-labelledby="qa-panel-title" onKeyDown={onKey}>
      <h3 id="qa-panel-title">{t().title}</h3>
      {s.phase === 'loading' ? <p role="status">{t().loading}</p> : null}
      {calibrationId ? <p className="review-note">{t().calibrationBlind}</p> : null}
      {/* Not an alert: the player's own refusals are the screen's alerts; the panel is secondary. */}
      {s.phase === 'unavailable' ? <p className="form-error">{s.message}</p> : null}
      {s.data ? (
        <>
          <p className="review-note">{t().formLine(s.data.form.formVersion, s.data.form.scriptId, s.data.form.scriptVersion, s.data.form.passMark)}</p>
          {s.data.evaluation ? <p role="status">{t().alreadyScored(s.data.evaluation.evaluator, s.data.evaluation.score)}</p> : null}
          {s.data.claimedBy && !s.data.evaluation ? <p className="review-note">{t().claimedBy(s.data.claimedBy)}</p> : null}
          <ol ref={listRef} role="listbox" aria-label={t().items} tabIndex={0} aria-activedescendant={current ? `qa-item-${current.itemId}` : undefined}>
            {s.prefill.map((p, i) => {
              const item = items.find((x) => x.id === p.itemId)!;
              const verdict = s.verdicts[p.itemId] ?? null;
              return (
                <li
                  key={p.itemId}
                  id={`qa-item-${p.itemId}`}
                  role="option"
                  aria-selected={i === s.selected}
                  data-verdict={verdict ?? 'undecided'}
                  className={i === s.selected ? 'qa-item selected' : 'qa-item'}
                  onClick={() => dispatch({ type: 'select', index: i })}
                >
                  <span className="qa-item-label">{t().item(p.itemId)}</span>
                  <span className="qa-item-weight">{t().weight(item.weight)}</span>
                  {item.fatal ? <span className="qa-item-fatal">{t().fatal}</span> : null}
                  <span className="qa-item-verdict">{t().verdict(verdict)}</span>
                  <span className="qa-item-suggested">{t().suggested(p.suggested)}</span>
                  {verdict !== p.suggested && p.suggested !== null ? <span className="qa-item-corrected">{t().corrected}</span> : null}
                  {p.reasons.length > 0 ? <span className="qa-item-reasons">{t().list(p.reasons.map(t().reason))}</span> : null}
                  {p.steps.map((st) => (
                    <span key={st.stepId} className="qa-item-step">
                      {t().step(st.stepId, st.answer, st.position)}
                    </span>
                  ))}
                  <span className="qa-item-sources">{t().list(item.sources.map(t().source))}</span>
                  <button type="button" tabIndex={-1} disabled={p.jumpAt === null} onClick={() => p.jumpAt !== null && seek(p.jumpAt)}>
                    {p.jumpAt === null ? t().noMarker : t().jump}
                  </button>
                  <textarea
                    id={`qa-note-${p.itemId}`}
                    aria-label={t().note(t().item(p.itemId))}
                    rows={1}
                    tabIndex={-1}
                    value={s.notes[p.itemId] ?? ''}
                    disabled={s.phase !== 'editing'}
                    onChange={(e) => dispatch({ type: 'note', itemId: p.itemId, text: e.target.value })}
                  />
                </li>
              );
            })}
          </ol>
          {s.phase === 'editing' && left.length > 0 ? <p className="review-note">{t().undecided(left.map(t().item))}</p> : null}
          {s.message && s.phase !== 'unavailable' ? <p role={s.phase === 'submitted' ? 'status' : 'alert'}>{s.message}</p> : null}
          <button type="button" disabled={s.phase !== 'editing' || left.length > 0} onClick={() => void submit()}>
            {s.phase === 'submitting' ? t().submitting : t().submit}
          </button>
          <p className="shortcut-bar">{t().shortcuts}</p>
        </>
      ) : null}
    </section>
  );
}
