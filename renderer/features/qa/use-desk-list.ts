import { useEffect, useReducer, type Dispatch, type KeyboardEvent } from 'react';
import type { Asked } from './centre-answer';
import { deskListReducer, initialDeskList, type DeskListEvent, type DeskListState } from './desk-list-state';

type Item = { readonly id: string };

/**
 * A QA desk list's state, loaded from the centre once when the screen opens (the lists are short
 * and each action answers with the changed row, so there is nothing to poll).
 */
export function useDeskList<T extends Item>(load: () => Promise<Asked<readonly T[]>>): [DeskListState<T>, Dispatch<DeskListEvent<T>>] {
  const [s, dispatch] = useReducer(
    (state: DeskListState<T>, e: DeskListEvent<T>) => deskListReducer(state, e),
    undefined,
    () => initialDeskList<T>(),
  );
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (live) dispatch(r.ok ? { type: 'loaded', items: r.value } : { type: 'failed', message: r.message });
    });
    return () => {
      live = false;
    };
    // Loaded once per opening (the screen remounts when the desk switches to it again), so `load`
    // is deliberately not a dependency.
  }, []);
  return [s, dispatch];
}

/**
 * The keys every QA desk list shares (keyboard-first, like the script): ↑/↓ or j/k move; while a
 * reason or note is being written, Esc cancels and Ctrl+Enter sends. `action` maps the screen's own
 * letters (lower-cased) to what they do, or undefined to leave the key alone.
 */
export function onDeskListKey<T extends Item>(
  e: KeyboardEvent<HTMLElement>,
  s: DeskListState<T>,
  dispatch: Dispatch<DeskListEvent<T>>,
  keys: { send?: () => void; action: (key: string) => (() => void) | undefined },
): void {
  const act = (fn: () => void) => {
    e.preventDefault();
    e.stopPropagation();
    fn();
  };
  if (s.phase === 'composing') {
    if (e.key === 'Escape') act(() => dispatch({ type: 'cancel' }));
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && keys.send) act(keys.send);
    return;
  }
  if (s.phase !== 'browsing' || e.ctrlKey || e.altKey || e.metaKey) return;
  const k = e.key.toLowerCase();
  if (e.key === 'ArrowDown' || k === 'j') return act(() => dispatch({ type: 'move', delta: 1 }));
  if (e.key === 'ArrowUp' || k === 'k') return act(() => dispatch({ type: 'move', delta: -1 }));
  const fn = keys.action(e.key === 'Enter' ? 'enter' : k);
  if (fn) act(fn);
}
