import { create } from 'zustand';
import { INITIAL_MONITOR, monitorReducer, type MonitorAction, type MonitorSnapshot } from './monitor-state';

/** The listen-in zustand slice: a serialisable snapshot plus `dispatch`. */
export interface MonitorStore extends MonitorSnapshot {
  dispatch(action: MonitorAction): void;
}

/** Renderer-wide listen-in state (the lead's side). */
export const useMonitorStore = create<MonitorStore>()((set) => ({
  ...INITIAL_MONITOR,
  dispatch: (action) => set((state) => monitorReducer(state, action)),
}));

/** Resets the slice (tests, sign-out). */
export function resetMonitorStore(): void {
  useMonitorStore.setState({ ...INITIAL_MONITOR });
}
