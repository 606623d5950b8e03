import { useCallback, type KeyboardEvent } from 'react';
import type { QaVerdict } from '../../../shared/domain/qa/prefill';
import type { QaEvaluationView } from '../../../shared/sync/qa-answers';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { ask } from './centre-answer';
import type { DeskListState } from './desk-list-state';
import { onDeskListKey, useDeskList } from './use-desk-list';
import { EvaluationSummary } from './my-evaluations';

const t = () => messages.qaDesk;
type State = DeskListState<QaEvaluationView>;
const VERDICTS: readonly QaVerdict[] = ['pass', 'fail', 'na'];
/** The centre wants a note of at least 2 characters (evaluation-state.ts). */
const MIN_NOTE = 2;

const verdictsOf = (e: QaEvaluationView) => Object.fromEntries(e.verdicts.map((v) => [v.itemId, v.verdict])) as Record<string, QaVerdict>;

/** Why the decision cannot be sent yet, or null. A revision must change at least one verdict. */
function blocker(s: State, e: QaEvaluationView | undefined): string | null {
  if (s.draft.trim().length < MIN_NOTE) return t().noteTooShort;
  if (s.mode === 'revised' && e && e.verdicts.every((v) => s.verdicts[v.itemId] === v.verdict)) return t().nothingChanged;
  return null;
}

/**
 * The team lead's disputes (README "QA evaluations": a dispute goes to the team lead, whose decision
 * is recorded): U upholds the evaluation with a note; R revises it, the lead re-judging the items
 * (pre-set to the disputed verdicts) — the centre scores the revision as the call's new evaluation.
 */
export function TeamDisputes() {
  const [s, dispatch] = useDeskList<QaEvaluationView>(() => ask(huifang().qa.disputes({})).then((r) => (r.ok ? { ok: true, value: r.value.items } : r)));

  const current = s.items[s.selected];
  const why = s.phase === 'composing' ? blocker(s, current) : null;
  const send = useCallback(async () => {
    if (!current || s.phase !== 'composing' || blocker(s, current) !== null) return;
    dispatch({ type: 'send' });
    const note = s.draft.trim();
    const resolution =
      s.mode === 'revised'
        ? { decision: 'revised' as const, note, verdicts: current.verdicts.map((v) => ({ ...v, verdict: s.verdicts[v.itemId] ?? v.verdict })) }
        : { decision: 'upheld' as const, note };
    const r = await ask(huifang().qa.resolve({ id: current.id, resolution }));
    // A resolved dispute leaves the list.
    dispatch(
      r.ok
        ? { type: 'answered', replaces: current.id, item: null, message: s.mode === 'revised' ? t().revised(r.value.score, r.value.passed) : t().upheld }
        : { type: 'refused', message: r.message },
    );
  }, [current, s, dispatch]);

  const onKey = (e: KeyboardEvent<HTMLElement>) =>
    onDeskListKey(e, s, dispatch, {
      send: () => void send(),
      action: (k) =>
        !current
          ? undefined
          : k === 'u'
            ? () => dispatch({ type: 'compose', mode: 'upheld' })
            : k === 'r'
              ? () => dispatch({ type: 'compose', mode: 'revised', verdicts: verdictsOf(current) })
              : undefined,
    });

  return (
    <section className="qa-desk-section" aria-labelledby="qa-disputes-title" onKeyDown={onKey}>
      <h3 id="qa-disputes-title">{t().disputes}</h3>
      {s.phase === 'loading' ? <p role="status">{t().loading}</p> : null}
      {s.phase === 'unavailable' ? <p role="alert">{s.message}</p> : null}
      {s.phase !== 'loading' && s.phase !== 'unavailable' && s.items.length === 0 ? <p>{t().noDisputes}</p> : null}
      {s.items.length > 0 ? (
        <ol role="listbox" aria-label={t().disputes} tabIndex={0} aria-activedescendant={current ? `qa-dispute-${current.id}` : undefined}>
          {s.items.map((e, i) => (
            <li key={e.id} id={`qa-dispute-${e.id}`} role="option" aria-selected={i === s.selected} onClick={() => dispatch({ type: 'select', index: i })}>
              <span>{t().disputeOf(e.agentId, e.policyNo, e.score)}</span>
              <EvaluationSummary e={e} />
            </li>
          ))}
        </ol>
      ) : null}
      {s.phase === 'browsing' && current ? (
        <div className="qa-desk-actions">
          <button type="button" onClick={() => dispatch({ type: 'compose', mode: 'upheld' })}>
            {t().uphold}
          </button>
          <button type="button" onClick={() => dispatch({ type: 'compose', mode: 'revised', verdicts: verdictsOf(current) })}>
            {t().revise}
          </button>
        </div>
      ) : null}
      {(s.phase === 'composing' || s.phase === 'sending') && current ? (
        <div className="qa-desk-compose">
          {s.mode === 'revised' ? (
            <ul className="qa-desk-verdicts">
              {current.verdicts.map((v) => (
                <li key={v.itemId}>
                  <label>
                    {messages.qa.item(v.itemId)}
                    <select
                      aria-label={t().verdictOf(messages.qa.item(v.itemId))}
                      value={s.verdicts[v.itemId] ?? v.verdict}
                      disabled={s.phase !== 'composing'}
                      onChange={(e) => dispatch({ type: 'verdict', itemId: v.itemId, verdict: e.target.value as QaVerdict })}
                    >
                      {VERDICTS.map((x) => (
                        <option key={x} value={x}>
                          {t().verdict(x)}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <textarea
            aria-label={t().decisionNote}
            autoFocus
            value={s.draft}
            disabled={s.phase !== 'composing'}
            onChange={(e) => dispatch({ type: 'draft', text: e.target.value })}
          />
          {why ? <p className="review-note">{why}</p> : null}
          <button type="button" disabled={why !== null || s.phase !== 'composing'} onClick={() => void send()}>
            {t().sendDecision}
          </button>
          <button type="button" onClick={() => dispatch({ type: 'cancel' })}>
            {t().cancel}
          </button>
        </div>
      ) : null}
      {s.message && s.phase !== 'unavailable' ? <p role={s.error ? 'alert' : 'status'}>{s.message}</p> : null}
      <p className="shortcut-bar">{t().disputesKeys}</p>
    </section>
  );
}
