import { useEffect, useState } from 'react';
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
  const pending = useSyncStore((s) => s.pending);
  const [asking, setAsking] = useState(false);
  const request = () => (useSyncStore.getState().pending > 0 ? setAsking(true) : onSignOut());

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSignOutKey(e) || disabled) return;
      e.preventDefault();
      if (useSyncStore.getState().pending > 0) setAsking(true);
      else onSignOut();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, onSignOut]);

  return (
    <>
      <button type="button" className="sign-out" onClick={request} disabled={disabled} aria-keyshortcuts="Control+Shift+Q">
        {messages.common.withKey(messages.workstation.signOut, 'Ctrl+Shift+Q')}
      </button>
      {asking ? (
        <div role="alertdialog" aria-label={messages.workstation.signOutPendingTitle} className="sign-out-confirm">
          <p>{messages.workstation.signOutPending(pending)}</p>
          <button type="button" onClick={() => (setAsking(false), onSignOut())}>
            {messages.workstation.signOutAnyway}
          </button>
          <button type="button" autoFocus onClick={() => setAsking(false)}>
            {messages.workstation.stay}
          </button>
        </div>
      ) : null}
    </>
  );
}
