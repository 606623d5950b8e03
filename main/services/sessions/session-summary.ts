import { NO_MEDIA_MARKER, type CallSession } from '../../../shared/ipc/channels/recording';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { RecordingInfo } from '../recording/recording-service';

/** A session as the session list shows it: who, when, result, recording state, and whether the customer was never heard. */
export function sessionSummary(s: CallSession): ResponseOf<'session:list'>[number] {
  return {
    id: s.id,
    caseId: s.caseId,
    agentId: s.agentId,
    createdAt: s.createdAt,
    endedAt: s.endedAt,
    outcome: s.outcome,
    state: s.state,
    recordingState: s.recording.state,
    recovered: s.recording.recovered,
    noMedia: s.markers.some((m) => m.questionId === NO_MEDIA_MARKER),
    ...(s.training ? { training: true } : {}),
    ...(s.recording.audioDeletedAt !== undefined ? { audioAtCentre: true } : {}),
  };
}

/** The recording's live state over the stored record, keeping the note that its local audio was deleted. */
export function withLive(s: CallSession, info: RecordingInfo): CallSession['recording'] {
  const deleted = s.recording.audioDeletedAt;
  return { ...info, ...(deleted !== undefined ? { audioDeletedAt: deleted } : {}) };
}
