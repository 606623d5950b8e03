import { useCallback, useState, type KeyboardEvent } from 'react';
import type { WorkListAnswer } from '../../../shared/sync/qa-answers';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { ask } from './centre-answer';
import { onDeskListKey, useDeskList } from './use-desk-list';

const t = () => messages.qaDesk;
type Row = WorkListAnswer['items'][number] & { readonly id: string };

/**
 * QA's work list (README "QA evaluations", sampling): the sampled calls still needing an
 * evaluation, why each was sampled and who took it. C claims the selected call; Enter claims it and
 * opens it for scoring. The centre refuses a call another QA holds, so no call is scored twice.
 */
export function QaWorkList({ me, onOpen }: { me: string; onOpen: (sessionId: string) => void }) {
  // The centre lists the oldest calls of a long list and says how many there are in all.
  const [total, setTotal] = useState<number | null>(null);
  const [s, dispatch] = useDeskList<Row>(() =>
    ask(huifang().qa.workList({})).then((r) => {
      if (!r.ok) return r;
      setTotal(r.value.total ?? null);
      return { ok: true, value: r.value.items.map((i) => ({ ...i, id: i.sessionId })) };
    }),
  );

  const current = s.items[s.selected];
  const claim = useCallback(
    async (row: Row, thenOpen: boolean) => {
      dispatch({ type: 'act', mode: 'claim' });
      const r = await ask(huifang().qa.claim({ sessionId: row.sessionId }));
      if (!r.ok) return dispatch({ type: 'refused', message: r.message });
      dispatch({ type: 'answered', replaces: row.id, item: { ...row, claimedBy: r.value.claimedBy }, message: t().claimed(row.policyNo) });
      if (thenOpen) onOpen(row.sessionId);
    },
    [onOpen, dispatch],
  );

  const onKey = (e: KeyboardEvent<HTMLElement>) =>
    onDeskListKey(e, s, dispatch, {
      action: (k) => (!current ? undefined : k === 'c' ? () => void claim(current, false) : k === 'enter' ? () => void claim(current, true) : undefined),
    });

  const holder = (r: Row) => (r.claimedBy === null ? t().free : r.claimedBy === me ? t().mine : t().claimedBy(r.claimedBy));
  return (
    <section className="qa-desk-section" aria-labelledby="qa-work-title" onKeyDown={onKey}>
      <h3 id="qa-work-title">{t().workList}</h3>
      {s.phase === 'loading' ? <p role="status">{t().loading}</p> : null}
      {/* Not an alert: on the replay screen the player's refusals are the alerts; this list is secondary. */}
      {s.phase === 'unavailable' ? <p className="form-error">{s.message}</p> : null}
      {s.phase !== 'loading' && s.phase !== 'unavailable' && s.items.length === 0 ? <p>{t().workListEmpty}</p> : null}
      {s.items.length > 0 ? (
        <ol role="listbox" aria-label={t().workList} tabIndex={0} aria-activedescendant={current ? `qa-work-${current.id}` : undefined}>
          {s.items.map((r, i) => (
            <li key={r.id} id={`qa-work-${r.id}`} role="option" aria-selected={i === s.selected} onClick={() => dispatch({ type: 'select', index: i })}>
              <span>{t().call(r.policyNo, r.agentId, r.createdAt.slice(0, 16).replace('T', ' '))}</span>
              <span className="qa-desk-reasons">{t().reasons(r.reasons)}</span>
              <span className="qa-desk-holder">{holder(r)}</span>
              <button type="button" tabIndex={-1} disabled={s.phase !== 'browsing'} onClick={() => void claim(r, true)}>
                {t().openCall}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {total !== null && total > s.items.length ? <p className="review-note">{t().workListMore(s.items.length, total)}</p> : null}
      {s.message && s.phase !== 'unavailable' ? <p role={s.error ? 'alert' : 'status'}>{s.message}</p> : null}
      <p className="shortcut-bar">{t().workListKeys}</p>
    </section>
  );
}
