import { NO_MEDIA_MARKER, type CallSession } from '../../../shared/ipc/channels/recording';
import type { ResponseOf } from '../../../shared/ipc/contract';

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
  };
}
