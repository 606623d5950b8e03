import { useCallback, useEffect, useReducer, type KeyboardEvent } from 'react';
import type { QaEvaluationView } from '../../../shared/sync/qa-answers';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { ask } from './centre-answer';
import { deskListReducer, initialDeskList, type DeskListState, type DeskListEvent } from './desk-list-state';

const t = () => messages.qaDesk;
type State = DeskListState<QaEvaluationView>;
const reducer = (s: State, e: DeskListEvent<QaEvaluationView>) => deskListReducer(s, e);
/** The centre wants a reason of at least 4 characters (evaluation-state.ts); said here before sending. */
const MIN_REASON = 4;

/** One evaluation as the agent reads it: score, outcome, failed items, the dispute and the lead's decision. */
export function EvaluationSummary({ e }: { e: QaEvaluationView }) {
  const failed = e.verdicts.filter((v) => v.verdict === 'fail').map((v) => messages.qa.item(v.itemId));
  return (
    <>
      <span className="qa-desk-line">{t().evaluation(e.policyNo, e.score, e.passed)}</span>
      <span className="qa-desk-state">{t().state(e.state)}</span>
      {e.fatalFailures.length > 0 ? <span className="qa-desk-fatal">{t().fatal(e.fatalFailures.map((i) => messages.qa.item(i)))}</span> : null}
      {failed.length > 0 ? <span className="qa-desk-failed">{t().failed(failed)}</span> : null}
      {e.dispute ? <span>{t().disputeReasonShown(e.dispute.reason)}</span> : null}
      {e.supersedes ? <span>{t().revisedNote}</span> : null}
      {e.resolution ? <span>{t().resolution(e.resolution.decision, e.resolution.note, e.resolution.by)}</span> : null}
    </>
  );
}

/**
 * The agent's own QA evaluations (README "QA evaluations", the agent's side): each can be
 * acknowledged (A) or disputed with a reason (D, then Ctrl+Enter); the dispute goes to the team lead.
 */
export function MyEvaluations() {
  const [s, dispatch] = useReducer(reducer, undefined, () => initialDeskList<QaEvaluationView>());

  useEffect(() => {
    let live = true;
    void ask(huifang().qa.mine({})).then((r) => {
      if (!live) return;
      dispatch(r.ok ? { type: 'loaded', items: r.value.items } : { type: 'failed', message: r.message });
    });
    return () => {
      live = false;
    };
  }, []);

  const current = s.items[s.selected];
  const send = useCallback(
    async (mode: 'acknowledge' | 'dispute') => {
      if (!current) return;
      const r = await ask(
        mode === 'acknowledge' ? huifang().qa.acknowledge({ id: current.id }) : huifang().qa.dispute({ id: current.id, reason: s.draft.trim() }),
      );
      dispatch(
        r.ok
          ? { type: 'answered', replaces: current.id, item: r.value, message: mode === 'acknowledge' ? t().acknowledged : t().disputed }
          : { type: 'refused', message: r.message },
      );
    },
    [current, s.draft],
  );
  const open = current?.state === 'submitted';
  const reasonOk = s.draft.trim().length >= MIN_REASON;

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const act = (fn: () => void) => {
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    if (s.phase === 'composing') {
      if (e.key === 'Escape') act(() => dispatch({ type: 'cancel' }));
      else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && reasonOk)
        act(() => {
          dispatch({ type: 'send' });
          void send('dispute');
        });
      return;
    }
    if (s.phase !== 'browsing' || e.ctrlKey || e.altKey || e.metaKey) return;
    const k = e.key.toLowerCase();
    if (e.key === 'ArrowDown' || k === 'j') act(() => dispatch({ type: 'move', delta: 1 }));
    else if (e.key === 'ArrowUp' || k === 'k') act(() => dispatch({ type: 'move', delta: -1 }));
    else if (k === 'a' && open)
      act(() => {
        dispatch({ type: 'act', mode: 'acknowledge' });
        void send('acknowledge');
      });
    else if (k === 'd' && open) act(() => dispatch({ type: 'compose', mode: 'dispute' }));
  };

  return (
    <section className="qa-desk-section" aria-labelledby="qa-mine-title" onKeyDown={onKey}>
      <h3 id="qa-mine-title">{t().myEvaluations}</h3>
      {s.phase === 'loading' ? <p role="status">{t().loading}</p> : null}
      {s.phase === 'unavailable' ? <p role="alert">{s.message}</p> : null}
      {s.phase !== 'loading' && s.phase !== 'unavailable' && s.items.length === 0 ? <p>{t().noEvaluations}</p> : null}
      {s.items.length > 0 ? (
        <ol role="listbox" aria-label={t().myEvaluations} tabIndex={0} aria-activedescendant={current ? `qa-mine-${current.id}` : undefined}>
          {s.items.map((e, i) => (
            <li key={e.id} id={`qa-mine-${e.id}`} role="option" aria-selected={i === s.selected} onClick={() => dispatch({ type: 'select', index: i })}>
              <EvaluationSummary e={e} />
            </li>
          ))}
        </ol>
      ) : null}
      {s.phase === 'browsing' && open ? (
        <div className="qa-desk-actions">
          <button
            type="button"
            onClick={() => {
              dispatch({ type: 'act', mode: 'acknowledge' });
              void send('acknowledge');
            }}
          >
            {t().acknowledge}
          </button>
          <button type="button" onClick={() => dispatch({ type: 'compose', mode: 'dispute' })}>
            {t().dispute}
          </button>
        </div>
      ) : null}
      {s.phase === 'composing' || (s.phase === 'sending' && s.mode === 'dispute') ? (
        <div className="qa-desk-compose">
          <textarea
            aria-label={t().disputeReason}
            autoFocus
            value={s.draft}
            disabled={s.phase === 'sending'}
            onChange={(e) => dispatch({ type: 'draft', text: e.target.value })}
          />
          {!reasonOk ? <p className="review-note">{t().disputeTooShort}</p> : null}
          <button
            type="button"
            disabled={!reasonOk || s.phase !== 'composing'}
            onClick={() => {
              dispatch({ type: 'send' });
              void send('dispute');
            }}
          >
            {t().sendDispute}
          </button>
          <button type="button" onClick={() => dispatch({ type: 'cancel' })}>
            {t().cancel}
          </button>
        </div>
      ) : null}
      {s.message && s.phase !== 'unavailable' ? <p role={s.error ? 'alert' : 'status'}>{s.message}</p> : null}
      <p className="shortcut-bar">{t().mineKeys}</p>
    </section>
  );
}
