import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { focusIsLost, isTextEntry, registerFocusHome } from './screen-focus';

/** The element to focus: a ref, or (stable) function choosing among several. */
export type FocusTarget = RefObject<HTMLElement | null> | (() => HTMLElement | null);

const resolve = (t: FocusTarget) => (typeof t === 'function' ? t() : t.current);

/** Options of `useFocusOnMount`. */
export interface FocusOnMountOptions {
  /**
   * The screen's main content: when it changes (a form closed, a panel replaced the dial action,
   * a list appeared), focus moves to the target again — but only if it was lost or still sits
   * where this hook last put it, never away from a control the agent moved to.
   */
  readonly key?: unknown;
  /** Off: the screen is shown but not in charge (e.g. the case view beside the script). */
  readonly enabled?: boolean;
}

/**
 * Keyboard-first screens: when the screen mounts, focus goes to `target` (the element whose
 * keyboard handling the screen expects — a list, a region, a dialog), so the agent's next keystroke
 * lands on the screen rather than on <body>. Focus is never taken from a field the agent is typing
 * in (including a field a child just auto-focused). While enabled, `target` is also the screen's
 * focus home for controls outside the screen (see `returnFocusHome`).
 */
export function useFocusOnMount(target: FocusTarget, { key = null, enabled = true }: FocusOnMountOptions = {}): void {
  const placed = useRef<Element | null>(null);

  useEffect(() => {
    if (!enabled) return;
    return registerFocusHome(() => resolve(target));
  }, [enabled, target]);

  // A layout effect: focus moves in the same commit that showed the screen (or closed the form),
  // so no keystroke typed right then lands on <body>. Children's autofocus runs before it.
  useLayoutEffect(() => {
    if (!enabled) {
      placed.current = null;
      return;
    }
    const el = resolve(target);
    if (!el) return;
    const active = document.activeElement;
    if (isTextEntry(active) && active?.isConnected) return;
    // After the first placement, follow content changes only while the agent has not moved on.
    if (placed.current !== null && !focusIsLost() && active !== placed.current) return;
    el.focus({ preventScroll: true });
    placed.current = el;
  }, [enabled, key, target]);
}
