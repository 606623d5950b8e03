import { create } from 'zustand';
import { INITIAL_RECORDING, recordingReducer, type RecordingAction, type RecordingSnapshot } from './recording-state';

/** The recording zustand slice: a serialisable snapshot plus `dispatch`. */
export interface RecordingStore extends RecordingSnapshot {
  dispatch(action: RecordingAction): void;
}

/** Renderer-wide recording state. */
export const useRecordingStore = create<RecordingStore>()((set) => ({
  ...INITIAL_RECORDING,
  dispatch: (action) => set((state) => recordingReducer(state, action)),
}));

/** Resets the slice (tests, sign-out). */
export function resetRecordingStore(): void {
  useRecordingStore.setState({ ...INITIAL_RECORDING });
}
