import type { EventPayloadOf, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/ipc-error';
import type { SoftphoneApi } from '../softphone/softphone-api';
import { CallRecorder, type RecorderEnvironment, type RecorderHost } from './call-recorder';
import type { RecordingAction } from './recording-state';
import { COACHING_MARKER, HOLD_MARKER } from '../../../shared/ipc/channels/recording';
import { messages } from '../../i18n/messages';

/** The host API the automatic recorder needs (a subset of `window.huifang`). */
export interface AutoRecordingHost {
  readonly recording: RecorderHost & {
    canStartCall(req: RequestOf<'recording:canStartCall'>): Promise<IpcResult<ResponseOf<'recording:canStartCall'>>>;
  };
  readonly session: {
    open(req: RequestOf<'session:open'>): Promise<IpcResult<ResponseOf<'session:open'>>>;
    setCallInfo(req: RequestOf<'session:setCallInfo'>): Promise<IpcResult<ResponseOf<'session:setCallInfo'>>>;
    marker(req: RequestOf<'session:marker'>): Promise<IpcResult<ResponseOf<'session:marker'>>>;
  };
  on(event: 'recording:status', listener: (payload: EventPayloadOf<'recording:status'>) => void): () => void;
}

export interface AutoRecordingOptions {
  readonly host: AutoRecordingHost;
  readonly softphone: Pick<SoftphoneApi, 'onCallEstablished' | 'onCallEnded' | 'setDialBlocked' | 'onHoldChanged'>;
  readonly dispatch: (action: RecordingAction) => void;
  readonly env?: RecorderEnvironment;
  readonly audioBitsPerSecond?: number;
  readonly timesliceMs?: number;
  /**
   * A lead's whisper or barge starting, switching or ending on this desk's call (the monitor
   * feature's coaching state; the app wires it). Returns the unsubscribe.
   */
  readonly onCoachingChanged?: (listener: (coaching: { mode: 'whisper' | 'barge'; lead: string } | null, at: number) => void) => () => void;
}

/** Handle of the running automatic recorder. */
export interface AutoRecording {
  /**
   * The call session the next answered call belongs to (opened by the workflow with case and
   * script). Without one, the recorder opens a session itself with the call's case id.
   */
  setNextSession(sessionId: string | null): void;
  /** Re-asks the host whether calls may start and blocks/unblocks dialling accordingly. */
  refreshGate(): Promise<boolean>;
  /** Resolves when the current call's recording is finalised (tests). */
  idle(): Promise<void>;
  dispose(): void;
}

/**
 * Records every answered call automatically, from answer to hang-up; the agent cannot turn it off.
 * Also keeps the softphone's dial gate in step with the host: while recording is broken
 * (`recording:canStartCall` false, or a `failed` status), no new call may be dialled.
 */
export function startAutoRecording(o: AutoRecordingOptions): AutoRecording {
  const recorder = new CallRecorder({
    host: o.host.recording,
    dispatch: o.dispatch,
    env: o.env,
    audioBitsPerSecond: o.audioBitsPerSecond,
    timesliceMs: o.timesliceMs,
  });
  let nextSession: string | null = null;
  let current: { callId: string; sessionId: string | null } | null = null;
  let work: Promise<unknown> = Promise.resolve();

  const block = (reason: string | null) => {
    o.softphone.setDialBlocked(reason);
    o.dispatch({ type: 'blocked', reason });
  };
  const refreshGate = async () => {
    const gate = await o.host.recording.canStartCall({});
    const reason = gate.ok ? gate.value.reason : gate.error.message;
    const allowed = gate.ok && gate.value.allowed;
    block(allowed ? null : (reason ?? messages.recording.unavailable));
    return allowed;
  };

  const failed = (err: unknown) => o.dispatch({ type: 'failed', reason: err instanceof Error ? err.message : String(err) });

  const offStatus = o.host.on('recording:status', (status) => {
    if (status.state === 'failed') {
      if (current && (status.sessionId === null || status.sessionId === current.sessionId))
        o.dispatch({ type: 'failed', reason: status.reason ?? messages.recording.failedNoReason });
      block(status.reason ?? messages.recording.failedNoReason);
    } else if (status.state === 'recording' && current && status.sessionId === current.sessionId) {
      o.dispatch({ type: 'resumed' });
      void refreshGate();
    }
  });

  const offEstablished = o.softphone.onCallEstablished((call) => {
    const entry: { callId: string; sessionId: string | null } = { callId: call.callId, sessionId: null };
    current = entry;
    const preset = nextSession;
    nextSession = null;
    work = work
      .then(async () => {
        let sessionId = preset;
        if (!sessionId) {
          const opened = await o.host.session.open({ caseId: call.caseId ?? null });
          if (!opened.ok) {
            o.dispatch({ type: 'starting', callId: call.callId });
            o.dispatch({ type: 'failed', reason: opened.error.message });
            block(opened.error.message);
            return;
          }
          sessionId = opened.value.sessionId;
        }
        entry.sessionId = sessionId;
        await o.host.session.setCallInfo({ sessionId, sipCallId: call.callId, answeredAt: call.answeredAt });
        const ok = await recorder.start({ callId: call.callId, sessionId, localStream: call.localStream, remoteStream: call.remoteStream });
        if (!ok) block(messages.recording.cannotStart);
      })
      .catch(failed);
  });

  // Hold and resume go on the session as markers: the agent's channel keeps recording during hold
  // (docs/decisions/0002-hold-in-recordings.md), and QA must see the customer did not hear it.
  /** A marker on the current call's session, after the work before it (the session may still be opening). */
  const mark = (questionId: string, at: number, answer: string) => {
    const entry = current;
    if (!entry) return;
    work = work
      .then(async () => {
        if (entry.sessionId) await o.host.session.marker({ sessionId: entry.sessionId, questionId, at, answer, reask: false });
      })
      .catch(failed);
  };
  const offHold = o.softphone.onHoldChanged?.((held, at) => mark(HOLD_MARKER, at, held ? 'on' : 'off')) ?? (() => undefined);
  // Whisper and barge go on the session too: whisper is not in the recording, so only the marker
  // tells QA the agent was being coached (README "Team-lead coaching", recording choice).
  let coached = false;
  const offCoaching =
    o.onCoachingChanged?.((coaching, at) => {
      coached = coaching !== null;
      mark(COACHING_MARKER, at, coaching ? `${coaching.mode}:${coaching.lead}` : 'off');
    }) ?? (() => undefined);

  const offEnded = o.softphone.onCallEnded((info) => {
    if (!current || current.callId !== info.callId) return;
    // The lead's leg ends after the call (its BYE follows the customer's), too late for this
    // session: the span is closed here, at the call's end.
    if (coached) mark(COACHING_MARKER, info.endedAt, 'off');
    coached = false;
    const entry = current;
    current = null;
    work = work
      .then(async () => {
        await recorder.stop();
        if (entry.sessionId) await o.host.session.setCallInfo({ sessionId: entry.sessionId, endedAt: info.endedAt });
        await refreshGate();
      })
      .catch(failed);
  });

  void refreshGate();
  return {
    setNextSession(sessionId) {
      nextSession = sessionId;
    },
    refreshGate,
    idle: () => work.then(() => undefined),
    dispose() {
      offStatus();
      offEstablished();
      offEnded();
      offHold();
      offCoaching();
    },
  };
}
