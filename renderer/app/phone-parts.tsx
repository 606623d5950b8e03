import { huifang } from '../ipc/huifang';
import { startAutoRecording } from '../features/recording/auto-recording';
import { RecordingIndicator } from '../features/recording/recording-indicator';
import { useRecordingStore } from '../features/recording/recording-store';
import { SoftphonePanel } from '../features/softphone/softphone-panel';
import { CoachingBanner } from '../features/monitor/coaching-banner';
import { monitorCompanion } from '../features/monitor/monitor-line';
import { useMonitorStore } from '../features/monitor/monitor-store';
import { useCoachingStore } from '../features/monitor/coaching-store';
import { getSoftphone, shareLineWith } from '../features/softphone/softphone-instance';
import { TrainingCaptions } from '../features/training/training-captions';
import type { WorkstationParts } from './workstation';
import { startPractice, wireTrainingLine } from './training-wiring';
import { messages } from '../i18n/messages';

/** The real softphone and recorder (the softphone and recording features' own instances). */
export function defaultWorkstationParts(): WorkstationParts {
  // Listen-in rides on the softphone's line: the two features meet only here.
  shareLineWith(monitorCompanion(huifang(), (action) => useMonitorStore.getState().dispatch(action)));
  // Simulated customers ride on the softphone too, and hear the step the wizard shows.
  wireTrainingLine();
  return {
    softphone: () => getSoftphone(),
    startRecording: (phone) =>
      startAutoRecording({
        host: huifang(),
        softphone: phone,
        dispatch: (a) => useRecordingStore.getState().dispatch(a),
        // The monitor feature knows when a lead whispers or barges; the recorder marks it on the session.
        onCoachingChanged: (listener) =>
          useCoachingStore.subscribe((s, prev) => {
            if (s.coaching !== prev.coaching) listener(s.coaching && { mode: s.coaching.mode, lead: s.coaching.lead }, Date.now());
          }),
      }),
    sidePanel: () => <PhoneSidePanel />,
    practice: startPractice,
  };
}

/** The softphone panel and the recording indicator beside the workspace. */
export function PhoneSidePanel() {
  return (
    <aside className="app-softphone" aria-label={messages.softphone.title}>
      <RecordingIndicator />
      <CoachingBanner />
      <SoftphonePanel />
      <TrainingCaptions />
    </aside>
  );
}
