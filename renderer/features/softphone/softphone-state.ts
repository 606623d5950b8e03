import type { CallQuality } from './call-quality';
import type { CallResult } from './softphone-api';

/**
 * Registration as the agent sees it.
 *
 *   unconfigured ──config──▶ connecting ──REGISTER 200──▶ registered
 *        ▲                      │fail                       │transport lost / offline
 *        │                      ▼                           ▼
 *      (removed)           failed (auth)      reconnecting ◀─▶ offline ──online──▶ reconnecting
 *                                                   └──reconnected + REGISTER 200──▶ registered
 */
export type RegistrationState = 'unconfigured' | 'connecting' | 'registered' | 'unregistered' | 'reconnecting' | 'offline' | 'failed';

/** Which line the desk is on: a SIP account's proxy, or the training line's simulated customers. */
export type SoftphoneLine = 'sip' | 'training';

/**
 * Phase of the (single) call.
 *
 *   idle ──dial──▶ calling ──18x──▶ ringing ──200──▶ established ◀──resume ok── held
 *     ▲               │                 │                │  └──hold ok──────────▶ │
 *     └────failure/cancel───────────────┘          hang-up ▼                      │
 *     └──────────────────────────────────────────── ending ◀─────────────────────┘
 */
export type CallPhase = 'idle' | 'calling' | 'ringing' | 'established' | 'held' | 'ending';

/** Serialisable snapshot of the current call (no SIP.js objects). */
export interface CallSnapshot {
  readonly phase: CallPhase;
  readonly callId: string | null;
  readonly number: string | null;
  readonly caseId: string | null;
  readonly dialledAt: number | null;
  /** Timer start: when the call was answered. */
  readonly answeredAt: number | null;
  readonly muted: boolean;
  /** A hold/resume re-INVITE is in flight; the UI must not claim the new state yet. */
  readonly holdPending: boolean;
  /** The extension of the number dialled, sent as keypad tones after answer (null: none). */
  readonly extension: ExtensionSnapshot | null;
}

/**
 * An extension (0755-2345678-12, 转 12) waits a short pause after answer — the switchboard's
 * greeting — then goes out as keypad tones; the agent may change or drop it before then.
 */
export interface ExtensionSnapshot {
  readonly digits: string;
  readonly phase: 'waiting' | 'sending' | 'sent' | 'failed' | 'dropped';
  /** When it goes out by itself (ms epoch) while waiting. */
  readonly sendAt: number | null;
}

/** Audio devices known to the softphone. */
export interface DeviceSnapshot {
  readonly inputs: readonly { id: string; label: string }[];
  readonly outputs: readonly { id: string; label: string }[];
  readonly micId: string;
  readonly speakerId: string;
  readonly ringerId: string;
}

/** A message for the agent (device fallback, silent mic, quality, failures). */
export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  readonly at: number;
  /** About the current call (e.g. "已有通话进行中"): removed when that call ends. */
  readonly untilCallEnds?: boolean;
}

/** Everything the panel shows; serialisable. */
export interface SoftphoneSnapshot {
  readonly line: SoftphoneLine;
  readonly registration: RegistrationState;
  readonly registrationDetail: string | null;
  readonly reconnectAttempt: number;
  readonly call: CallSnapshot;
  /** 0–1 RMS level of the agent's microphone. */
  readonly micLevel: number;
  readonly micSilent: boolean;
  readonly quality: CallQuality | null;
  readonly lastResult: CallResult | null;
  readonly notices: readonly Notice[];
  /** Inbound calls the desk could not take, newest last (masked numbers). */
  readonly missedCalls: readonly { readonly from: string; readonly at: number }[];
  /** An inbound call ringing at the desk for a case (masked number), until answered, declined or given up. */
  /** The inbound call ringing; `caseId` null: a caller matching no case (desks set to take any caller). */
  readonly incoming: { readonly callId: string; readonly from: string; readonly caseId: string | null; readonly at: number } | null;
  readonly online: boolean;
  readonly devices: DeviceSnapshot;
}

/** Transitions of the snapshot. */
export type SoftphoneAction =
  | { type: 'line'; line: SoftphoneLine }
  | { type: 'registration'; state: RegistrationState; detail?: string | null }
  | { type: 'reconnectScheduled'; attempt: number }
  | { type: 'dialStarted'; number: string; caseId: string | null; at: number }
  | { type: 'callIdKnown'; callId: string }
  | { type: 'progress' }
  | { type: 'established'; callId: string; at: number }
  | { type: 'holdRequested' }
  | { type: 'holdResult'; held: boolean }
  | { type: 'muted'; muted: boolean }
  | { type: 'ending' }
  | { type: 'callEnded'; result: CallResult | null }
  | { type: 'micLevel'; level: number; silent: boolean }
  | { type: 'quality'; quality: CallQuality | null }
  | { type: 'extension'; extension: ExtensionSnapshot | null }
  | { type: 'missedCall'; from: string; at: number }
  | { type: 'incoming'; callId: string; from: string; caseId: string | null; at: number }
  | { type: 'incomingEnded'; callId: string }
  | { type: 'notice'; level: Notice['level']; text: string; at: number; untilCallEnds?: boolean }
  | { type: 'dismissNotice'; id: number }
  | { type: 'online'; online: boolean }
  | { type: 'devices'; devices: DeviceSnapshot };

/** The idle call. */
export const IDLE_CALL: CallSnapshot = {
  phase: 'idle',
  callId: null,
  number: null,
  caseId: null,
  dialledAt: null,
  answeredAt: null,
  muted: false,
  holdPending: false,
  extension: null,
};

/** Initial snapshot. */
export const INITIAL_SOFTPHONE: SoftphoneSnapshot = {
  line: 'sip',
  registration: 'unconfigured',
  registrationDetail: null,
  reconnectAttempt: 0,
  call: IDLE_CALL,
  micLevel: 0,
  micSilent: false,
  quality: null,
  lastResult: null,
  notices: [],
  missedCalls: [],
  incoming: null,
  online: true,
  devices: { inputs: [], outputs: [], micId: 'default', speakerId: 'default', ringerId: 'default' },
};

const MAX_NOTICES = 5;
const MAX_MISSED = 20;

/** Pure transition function of the softphone snapshot. */
export function softphoneReducer(s: SoftphoneSnapshot, a: SoftphoneAction): SoftphoneSnapshot {
  switch (a.type) {
    case 'line':
      return { ...s, line: a.line };
    case 'registration':
      return {
        ...s,
        registration: a.state,
        registrationDetail: a.detail ?? null,
        reconnectAttempt: a.state === 'registered' ? 0 : s.reconnectAttempt,
      };
    case 'reconnectScheduled':
      return { ...s, reconnectAttempt: a.attempt, registration: s.online ? 'reconnecting' : 'offline' };
    case 'dialStarted':
      return { ...s, call: { ...IDLE_CALL, phase: 'calling', number: a.number, caseId: a.caseId, dialledAt: a.at }, lastResult: null, quality: null };
    case 'callIdKnown':
      return s.call.phase === 'idle' ? s : { ...s, call: { ...s.call, callId: a.callId } };
    case 'progress':
      return s.call.phase === 'calling' ? { ...s, call: { ...s.call, phase: 'ringing' } } : s;
    case 'established':
      if (s.call.phase !== 'calling' && s.call.phase !== 'ringing') return s;
      return { ...s, call: { ...s.call, phase: 'established', callId: a.callId, answeredAt: a.at }, lastResult: { kind: 'connected', callId: a.callId } };
    case 'holdRequested':
      return s.call.phase === 'established' || s.call.phase === 'held' ? { ...s, call: { ...s.call, holdPending: true } } : s;
    case 'holdResult':
      if (s.call.phase !== 'established' && s.call.phase !== 'held') return s;
      return { ...s, call: { ...s.call, holdPending: false, phase: a.held ? 'held' : 'established' } };
    case 'muted':
      return s.call.phase === 'idle' ? s : { ...s, call: { ...s.call, muted: a.muted } };
    case 'ending':
      return s.call.phase === 'idle' ? s : { ...s, call: { ...s.call, phase: 'ending' } };
    case 'callEnded':
      return {
        ...s,
        call: IDLE_CALL,
        quality: null,
        lastResult: a.result ?? s.lastResult,
        notices: s.notices.some((n) => n.untilCallEnds) ? s.notices.filter((n) => !n.untilCallEnds) : s.notices,
      };
    case 'micLevel':
      return { ...s, micLevel: a.level, micSilent: a.silent };
    case 'quality':
      return { ...s, quality: a.quality };
    case 'missedCall':
      return { ...s, missedCalls: [...s.missedCalls, { from: a.from, at: a.at }].slice(-MAX_MISSED) };
    case 'incoming':
      return { ...s, incoming: { callId: a.callId, from: a.from, caseId: a.caseId, at: a.at } };
    case 'incomingEnded':
      return s.incoming?.callId === a.callId ? { ...s, incoming: null } : s;
    case 'extension':
      return s.call.phase === 'idle' ? s : { ...s, call: { ...s.call, extension: a.extension } };
    case 'notice': {
      const id = (s.notices.at(-1)?.id ?? 0) + 1;
      return {
        ...s,
        notices: [...s.notices, { id, level: a.level, text: a.text, at: a.at, ...(a.untilCallEnds ? { untilCallEnds: true } : {}) }].slice(-MAX_NOTICES),
      };
    }
    case 'dismissNotice':
      return { ...s, notices: s.notices.filter((n) => n.id !== a.id) };
    case 'online':
      return { ...s, online: a.online, registration: !a.online && s.registration !== 'unconfigured' ? 'offline' : s.registration };
    case 'devices':
      return { ...s, devices: a.devices };
  }
}
