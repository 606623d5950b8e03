import { create } from 'zustand';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneAction, type SoftphoneSnapshot } from './softphone-state';

/** The softphone zustand slice: a serialisable snapshot plus `dispatch`. SIP.js objects never go here. */
export interface SoftphoneStore extends SoftphoneSnapshot {
  dispatch(action: SoftphoneAction): void;
}

/** Renderer-wide softphone state. */
export const useSoftphoneStore = create<SoftphoneStore>()((set) => ({
  ...INITIAL_SOFTPHONE,
  dispatch: (action) => set((state) => softphoneReducer(state, action)),
}));

/** Resets the slice (tests, sign-out). */
export function resetSoftphoneStore(): void {
  useSoftphoneStore.setState({ ...INITIAL_SOFTPHONE });
}
