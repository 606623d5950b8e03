import { useEffect, useRef, useState } from 'react';
import { returnFocusHome } from '../../app/screen-focus';
import { agentStatusMessages as t } from './agent-status-messages';
import { PAUSE_REASONS, useAgentStatusStore, type PauseReason } from './agent-status-store';
import { formatDuration } from './format-duration';
import { useNow } from './use-now';

/**
 * Status, time in status, and the pause control. F8 toggles ready/paused (the app shell binds
 * it); the reason is chosen from a list, first entry preselected so Enter confirms.
 */
export function AgentStatusBar({ onPause, onResume }: { onPause: (reason: PauseReason) => void; onResume: () => void }) {
  const status = useAgentStatusStore((s) => s.status);
  const reason = useAgentStatusStore((s) => s.reason);
  const since = useAgentStatusStore((s) => s.since);
  const now = useNow(1000);
  const [choosing, setChoosing] = useState(false);
  const [choice, setChoice] = useState<PauseReason>('break');
  // The reason form took focus; once it closes (chosen or Esc), focus goes back to the screen.
  const wasChoosing = useRef(false);
  useEffect(() => {
    if (wasChoosing.current && !choosing) returnFocusHome();
    wasChoosing.current = choosing;
  }, [choosing]);
  // A dial started while the reason form was open: the desk is no longer free to pause.
  useEffect(() => {
    if (status !== 'ready') setChoosing(false);
  }, [status]);
  if (status === 'signed_out') return null;
  return (
    <section className="agent-status" aria-label={t.label} data-status={status}>
      <span className="agent-status-pill">
        {t.status[status]}
        {reason ? `（${t.reasons[reason]}）` : ''}
      </span>
      <span className="agent-status-time" aria-label={t.timeInStatus}>
        {formatDuration(now - since)}
      </span>
      {status === 'ready' && !choosing ? (
        <button type="button" onClick={() => setChoosing(true)}>
          {t.pause}
        </button>
      ) : null}
      {status === 'paused' ? (
        <button type="button" onClick={onResume}>
          {t.resume}
        </button>
      ) : null}
      {choosing && status === 'ready' ? (
        <form
          className="pause-form"
          onSubmit={(e) => {
            e.preventDefault();
            setChoosing(false);
            onPause(choice);
          }}
        >
          <label>
            {t.reasonLabel}
            <select autoFocus value={choice} onChange={(e) => setChoice(e.target.value as PauseReason)} onKeyDown={(e) => e.key === 'Escape' && setChoosing(false)}>
              {PAUSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t.reasons[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.pause}</button>
        </form>
      ) : null}
      <kbd className="shortcut-hint">{t.shortcutPause}</kbd>
    </section>
  );
}
