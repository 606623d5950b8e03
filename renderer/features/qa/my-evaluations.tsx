import { useCallback, type KeyboardEvent } from 'react';
import type { QaEvaluationView } from '../../../shared/sync/qa-answers';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { ask } from './centre-answer';
import { onDeskListKey, useDeskList } from './use-desk-list';

const t = () => messages.qaDesk;
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
 * P replays the call to hear the failed items (`onReplay`; audited at the host and the centre).
 */
export function MyEvaluations({ onReplay }: { onReplay?: (e: QaEvaluationView) => void }) {
  const [s, dispatch] = useDeskList<QaEvaluationView>(() => ask(huifang().qa.mine({})).then((r) => (r.ok ? { ok: true, value: r.value.items } : r)));

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
    [current, s.draft, dispatch],
  );
  const open = current?.state === 'submitted';
  const replayable = onReplay && current?.verdicts.some((v) => v.verdict === 'fail') ? () => onReplay(current) : undefined;
  const reasonOk = s.draft.trim().length >= MIN_REASON;

  const onKey = (e: KeyboardEvent<HTMLElement>) =>
    onDeskListKey(e, s, dispatch, {
      send: reasonOk
        ? () => {
            dispatch({ type: 'send' });
            void send('dispute');
          }
        : undefined,
      action: (k) =>
        k === 'p'
          ? replayable
          : !open
            ? undefined
            : k === 'a'
              ? () => {
                  dispatch({ type: 'act', mode: 'acknowledge' });
                  void send('acknowledge');
                }
              : k === 'd'
                ? () => dispatch({ type: 'compose', mode: 'dispute' })
                : undefined,
    });

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
      {s.phase === 'browsing' && replayable ? (
        <div className="qa-desk-actions">
          <button type="button" onClick={replayable}>
            {messages.common.withKey(t().replay, 'P')}
          </button>
        </div>
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
