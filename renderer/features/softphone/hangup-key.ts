/** Ctrl+Shift+H (Cmd+Shift+H on a Mac keyboard), as Electron's `CommandOrControl+Shift+H`. */
function isHangupKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && !e.repeat && e.key.toLowerCase() === 'h';
}

/**
 * The hang-up/cancel key in the window (the web host has no global shortcut). In Electron both this
 * and the global shortcut may fire for one key press: a second hang-up while the first is under
 * way is a no-op. Returns the function that stops listening.
 */
export function listenForHangupKey(hangup: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!isHangupKey(e)) return;
    e.preventDefault();
    hangup();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
