import { useCallback, useEffect, useState } from 'react';
import type { OutboxLeft } from '../features/sync/drain-outbox';
import { useSyncStore } from '../features/sync/sync-store';
import { messages } from '../i18n/messages';

/** Ctrl+Shift+Q signs out, like the button. */
const isSignOutKey = (e: KeyboardEvent) => e.ctrlKey && e.shiftKey && !e.altKey && (e.key === 'Q' || e.key === 'q' || e.code === 'KeyQ');

/**
 * Sign-out, with its shortcut. While records (results, call sessions and their recordings) still
 * wait to reach the centre it first sends them, for a bounded time, showing what is left
 * (`drain`); it signs out when all went. What could not go stays in this desk's cache and goes out
 * at this agent's next sign-in here, and it asks first, which the agent should know before walking
 * away (e.g. at the end of a shift with the centre down).
 *
 *   idle --request--> draining --all sent--> signed out
 *                                              --some left--> asking --仍然退出--> signed out
 *                                                                     --暂不退出--> idle
 */
export function SignOutButton({ disabled, onSignOut, drain }: { disabled: boolean; onSignOut: () => void; drain?: () => Promise<OutboxLeft> }) {
  // The count the agent is warned about, taken when the drain ended (null: not asking).
  const [asking, setAsking] = useState<number | null>(null);
  const [draining, setDraining] = useState(false);
  const request = useCallback(() => {
    const s = useSyncStore.getState();
    const waiting = s.pending + s.archiveWaiting;
    if (!drain) return waiting === 0 ? onSignOut() : setAsking(waiting);
    // Always through the drain: the counts may not know yet of a session closed a moment ago.
    setDraining(true);
    void drain().then((left) => {
      setDraining(false);
      if (left.results + left.sessions === 0) onSignOut();
      else setAsking(left.results + left.sessions);
    });
  }, [onSignOut, drain]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSignOutKey(e) || disabled || draining) return;
      e.preventDefault();
      request();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, draining, request]);

  return (
    <>
      <button type="button" className="sign-out" onClick={request} disabled={disabled || draining} aria-keyshortcuts="Control+Shift+Q">
        {messages.common.withKey(messages.workstation.signOut, 'Ctrl+Shift+Q')}
      </button>
      {draining ? <DrainProgress /> : null}
      {asking !== null ? (
        <div role="alertdialog" aria-label={messages.workstation.signOutPendingTitle} className="sign-out-confirm">
          <p>{messages.workstation.signOutPending(asking)}</p>
          <button type="button" onClick={() => (setAsking(null), onSignOut())}>
            {messages.workstation.signOutAnyway}
          </button>
          <button type="button" autoFocus onClick={() => setAsking(null)}>
            {messages.workstation.stay}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** What is still on its way while sign-out waits for the outbox (the sync store recounts as entries go). */
function DrainProgress() {
  const results = useSyncStore((s) => s.pending);
  const sessions = useSyncStore((s) => s.archiveWaiting);
  const bytes = useSyncStore((s) => s.archiveWaitingBytes);
  return (
    <div role="status" aria-label={messages.workstation.signOutDrainingTitle} className="sign-out-confirm">
      <p>{messages.workstation.signOutDraining(results, sessions, bytes)}</p>
    </div>
  );
}
