import { useEffect } from 'react';
import { huifang } from '../../ipc/huifang';
import { getSoftphone } from '../softphone/softphone-instance';
import { startAutoRecording, type AutoRecording } from './auto-recording';
import { RecordingIndicator } from './recording-indicator';
import { useRecordingStore } from './recording-store';

let running: AutoRecording | null = null;

/** The renderer's automatic recorder, started once (idempotent). */
export function ensureAutoRecording(): AutoRecording {
  running ??= startAutoRecording({ host: huifang(), softphone: getSoftphone(), dispatch: (a) => useRecordingStore.getState().dispatch(a) });
  return running;
}

/**
 * Mount once in the app shell: records every answered call of the softphone automatically and
 * shows the recording indicator. There is deliberately no control to stop or pause recording.
 */
export function CallRecording() {
  useEffect(() => {
    ensureAutoRecording();
  }, []);
  return <RecordingIndicator />;
}
