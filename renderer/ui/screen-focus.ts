/**
 * Where keyboard focus belongs on the screen in front of the agent ("focus home"). Each screen
 * registers its home element while it is shown (through `useFocusOnMount`); the most recently
 * registered one is the current screen's. Controls outside a screen (the pause-reason form in the
 * status bar, the softphone's account settings) send focus back here when they close, so the
 * agent's next keystroke reaches the screen instead of falling on <body>.
 */
const homes: (() => HTMLElement | null)[] = [];

/** A field the agent types into (or picks from with the arrow keys): focus is never taken from it. */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** True when focus went nowhere: on <body>, or on an element no longer in the document. */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active === document.documentElement || !active.isConnected;
}

/** Makes `home` the current screen's focus home until the returned function is called. */
export function registerFocusHome(home: () => HTMLElement | null): () => void {
  homes.push(home);
  return () => {
    const i = homes.lastIndexOf(home);
    if (i >= 0) homes.splice(i, 1);
  };
}

/**
 * Puts focus on the current screen's home when focus is lost (a closed form took it along);
 * leaves it where it is otherwise. Returns whether focus was moved.
 */
export function returnFocusHome(): boolean {
  if (!focusIsLost()) return false;
  for (let i = homes.length - 1; i >= 0; i--) {
    const el = homes[i]();
    if (el?.isConnected) {
      el.focus({ preventScroll: true });
      return true;
    }
  }
  return false;
}
