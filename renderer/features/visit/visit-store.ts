import { create } from 'zustand';
import { INITIAL_VISIT, visitReducer, type VisitEvent, type VisitState } from './visit-state';

interface VisitStore {
  readonly visit: VisitState;
  /** The only way the workflow changes: through `visitReducer`. */
  dispatch(event: VisitEvent): void;
}

/** Zustand slice of the visit workflow; an ignored event notifies no one. */
export const useVisitStore = create<VisitStore>((set, get) => ({
  visit: INITIAL_VISIT,
  dispatch(event) {
    const next = visitReducer(get().visit, event);
    if (next !== get().visit) set({ visit: next });
  },
}));

/** The current state (for effects and wiring outside React). */
export const visitNow = (): VisitState => useVisitStore.getState().visit;

/** Dispatches `e` to the visit workflow. */
export const dispatchVisit = (e: VisitEvent): void => useVisitStore.getState().dispatch(e);

/** Dispatches `e`; false when the current phase ignored it (a second Enter, a stale result). */
export const acceptedVisit = (e: VisitEvent): boolean => {
  const before = visitNow();
  dispatchVisit(e);
  return visitNow() !== before;
};
