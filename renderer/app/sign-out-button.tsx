import { useCallback, useEffect, useState } from 'react';
import { useSyncStore } from '../features/sync/sync-store';
import { messages } from '../i18n/messages';

/** Ctrl+Shift+Q signs out, like the button. */
const isSignOutKey = (e: KeyboardEvent) => e.ctrlKey && e.shiftKey && !e.altKey && (e.key === 'Q' || e.key === 'q' || e.code === 'KeyQ');

/**
 * Sign-out, with its shortcut. While records still wait to reach the centre it asks first: they
 * stay in this desk's cache and go out at this agent's next sign-in here, which the agent should know
 * before walking away (e.g. at the end of a shift with the centre down).
 */
export function SignOutButton({ disabled, onSignOut }: { disabled: boolean; onSignOut: () => void }) {
  // The count the agent is warned about, taken when they asked to leave (null: not asking).
  const [asking, setAsking] = useState<number | null>(null);
  const request = useCallback(() => {
    const pending = useSyncStore.getState().pending;
    if (pending > 0) setAsking(pending);
    else onSignOut();
  }, [onSignOut]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSignOutKey(e) || disabled) return;
      e.preventDefault();
      request();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, request]);

  return (
    <>
      <button type="button" className="sign-out" onClick={request} disabled={disabled} aria-keyshortcuts="Control+Shift+Q">
        {messages.common.withKey(messages.workstation.signOut, 'Ctrl+Shift+Q')}
      </button>
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
