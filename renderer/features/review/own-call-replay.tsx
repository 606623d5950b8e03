import './review.css';
import { useEffect, useState } from 'react';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { fetchErrorOf } from './review-store';
import { SessionPlayer } from './session-player';
import { prefillCall } from './call-prefill';

type Opening = { kind: 'opening' } | { kind: 'ready' } | { kind: 'refused'; reason: string };
/** A failed item and where it is heard (epoch ms; null when the call left no marker for it). */
type FailedMark = { itemId: string; at: number | null };

/**
 * Where each failed item is heard, from the call's form at the centre pre-filled from the session,
 * as QA's own panel finds it. Without the form (offline, refused) the items are listed unplaced.
 */
async function placeFailedItems(sessionId: string, failedItems: readonly string[]): Promise<FailedMark[]> {
  const unplaced = failedItems.map((itemId) => ({ itemId, at: null }));
  const [form, session] = await Promise.all([huifang().qa.form({ sessionId }), huifang().session.get({ sessionId })]);
  if (!form.ok || form.value.kind !== 'ok' || !session.ok) return unplaced;
  const prefill = prefillCall(form.value.value.form, session.value);
  return failedItems.map((itemId) => ({ itemId, at: prefill.find((p) => p.itemId === itemId)?.jumpAt ?? null }));
}

/**
 * An agent replays their own call to hear the items QA failed (README "QA evaluations", the
 * agent's side): the call from this desk, or fetched from the centre's archive when it was made on
 * another desk. It opens at the first failed item's place and lists each failed item with a jump
 * to where it is heard. The host's playback policy and the centre allow it only while the call's
 * current evaluation has failed items; every open, play and seek is audited. No legal hold, no scoring.
 */
export function OwnCallReplay({ sessionId, failedItems, onBack }: { sessionId: string; failedItems: readonly string[]; onBack: () => void }) {
  const [opening, setOpening] = useState<Opening>({ kind: 'opening' });
  const [marks, setMarks] = useState<FailedMark[] | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const here = await huifang().session.get({ sessionId });
      if (!here.ok) {
        const r = await huifang().archive.fetch({ sessionId, playable: true });
        if (!live) return;
        if (!r.ok) return setOpening({ kind: 'refused', reason: messages.review.fetchFailed(r.error.message) });
        if (r.value.kind !== 'ok') return setOpening({ kind: 'refused', reason: fetchErrorOf(r.value) });
      }
      const placed = await placeFailedItems(sessionId, failedItems);
      if (!live) return;
      setMarks(placed);
      setOpening({ kind: 'ready' });
    })();
    return () => {
      live = false;
    };
  }, [sessionId, failedItems]);
  const placed = (marks ?? []).flatMap((m) => (m.at === null ? [] : [m.at]));
  const t = messages.qaDesk;
  return (
    <div className="review-screen">
      <p className="review-note">{t.replayFailedItems(failedItems.map((i) => messages.qa.item(i)))}</p>
      {opening.kind === 'ready' ? (
        <SessionPlayer
          sessionId={sessionId}
          canHold={false}
          onBack={onBack}
          startAt={placed.length > 0 ? Math.min(...placed) : null}
          aside={(seekTo) => (
            <section className="review-failed-items" aria-label={t.failedItemsHeading}>
              <h3>{t.failedItemsHeading}</h3>
              <ul>
                {(marks ?? []).map((m) => (
                  <li key={m.itemId}>
                    <span>{messages.qa.item(m.itemId)}</span>{' '}
                    <button type="button" disabled={m.at === null} onClick={() => m.at !== null && seekTo(m.at)}>
                      {m.at === null ? messages.qa.noMarker : messages.qa.jump}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        />
      ) : null}
      {opening.kind === 'opening' ? <p role="status">{t.replayOpening}</p> : null}
      {opening.kind === 'refused' ? (
        <>
          <p role="alert">{opening.reason}</p>
          <button type="button" onClick={onBack}>
            {t.back}
          </button>
        </>
      ) : null}
    </div>
  );
}
