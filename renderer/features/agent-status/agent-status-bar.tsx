import { useEffect, useRef, useState } from 'react';
import { returnFocusHome } from '../../ui/screen-focus';
import { messages } from '../../i18n/messages';
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
    <section className="agent-status" aria-label={messages.agentStatus.label} data-status={status}>
      <span className="agent-status-pill">
        {messages.agentStatus.status[status]}
        {reason ? messages.common.aside(messages.agentStatus.reasons[reason]) : ''}
      </span>
      <span className="agent-status-time" aria-label={messages.agentStatus.timeInStatus}>
        {formatDuration(now - since)}
      </span>
      {status === 'ready' && !choosing ? (
        <button type="button" onClick={() => setChoosing(true)}>
          {messages.agentStatus.pause}
        </button>
      ) : null}
      {status === 'paused' ? (
        <button type="button" onClick={onResume}>
          {messages.agentStatus.resume}
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
            {messages.agentStatus.reasonLabel}
            <select
              autoFocus
              value={choice}
              onChange={(e) => setChoice(e.target.value as PauseReason)}
              onKeyDown={(e) => e.key === 'Escape' && setChoosing(false)}
            >
              {PAUSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {messages.agentStatus.reasons[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{messages.agentStatus.pause}</button>
        </form>
      ) : null}
      <kbd className="shortcut-hint">{messages.agentStatus.shortcutPause}</kbd>
    </section>
  );
}
