import './review.css';
import { useEffect, useState } from 'react';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { fetchErrorOf } from './review-store';
import { SessionPlayer } from './session-player';

type Opening = { kind: 'opening' } | { kind: 'ready' } | { kind: 'refused'; reason: string };

/**
 * An agent replays their own call to hear the items QA failed (README "QA evaluations", the
 * agent's side): the call from this desk, or fetched from the centre's archive when it was made on
 * another desk. The host's playback policy and the centre allow it only while the call's current
 * evaluation has failed items; every open, play and seek is audited. No legal hold, no scoring.
 */
export function OwnCallReplay({ sessionId, failedItems, onBack }: { sessionId: string; failedItems: readonly string[]; onBack: () => void }) {
  const [opening, setOpening] = useState<Opening>({ kind: 'opening' });
  useEffect(() => {
    let live = true;
    void (async () => {
      const here = await huifang().session.get({ sessionId });
      if (here.ok) return live && setOpening({ kind: 'ready' });
      const r = await huifang().archive.fetch({ sessionId, playable: true });
      if (!live) return;
      if (!r.ok) return setOpening({ kind: 'refused', reason: messages.review.fetchFailed(r.error.message) });
      setOpening(r.value.kind === 'ok' ? { kind: 'ready' } : { kind: 'refused', reason: fetchErrorOf(r.value) });
    })();
    return () => {
      live = false;
    };
  }, [sessionId]);
  return (
    <div className="review-screen">
      <p className="review-note">{messages.qaDesk.replayFailedItems(failedItems.map((i) => messages.qa.item(i)))}</p>
      {opening.kind === 'ready' ? <SessionPlayer sessionId={sessionId} canHold={false} onBack={onBack} /> : null}
      {opening.kind === 'opening' ? <p role="status">{messages.qaDesk.replayOpening}</p> : null}
      {opening.kind === 'refused' ? (
        <>
          <p role="alert">{opening.reason}</p>
          <button type="button" onClick={onBack}>
            {messages.qaDesk.back}
          </button>
        </>
      ) : null}
    </div>
  );
}
