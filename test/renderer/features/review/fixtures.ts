import { vi } from 'vitest';
import type { CallSession } from '../../../../shared/ipc/channels/recording';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { DomainError } from '../../../../shared/ipc/ipc-error';
import type { CenterUser } from '../../../../shared/sync';
import { fakeHandlers } from '../../../setup/fake-huifang';

/** Recording start of the sample session (epoch ms). */
export const T0 = Date.UTC(2026, 10, 25, 2, 0, 0);

export const QA: CenterUser = { staffNo: '3001', name: '质检员', role: 'qa', team: 'QA', languages: ['mandarin'] } as CenterUser;
export const ADMIN: CenterUser = { ...QA, staffNo: '9001', name: '管理员', role: 'admin' } as CenterUser;

/** A closed, recorded session: three questions (one re-asked after a branch), a 10 s gap. */
export function sampleSession(over: Partial<CallSession> = {}): CallSession {
  return {
    id: 'sess-0001-abcdef',
    caseId: 'P2026000123',
    agentId: '1001',
    scriptId: 'new-policy-default',
    scriptVersion: '2026.1',
    sipCallId: 'call-1',
    createdAt: T0 - 8000,
    startedAt: T0 - 6000,
    answeredAt: T0 - 500,
    endedAt: T0 + 95_000,
    // Deliberately out of order: the replay sorts by time.
    markers: [
      { questionId: 'signature', at: T0 + 65_400, answer: 'no' },
      { questionId: 'identity', at: T0 + 5_200, answer: 'yes' },
      { questionId: 'consent', at: T0 + 14_900, answer: 'yes' },
      { questionId: 'insurance_nature', at: T0 + 25_000, answer: 'unclear' },
    ],
    answers: { identity: 'yes', consent: 'yes', insurance_nature: 'unclear->yes', signature: 'no' },
    outcome: 'problem',
    outcomeNote: '客户称代签名',
    state: 'closed',
    recording: {
      state: 'finalised',
      recovered: false,
      gaps: [{ startedAt: T0 + 20_000, endedAt: T0 + 30_000, reason: '磁盘已满' }],
      manifest: {
        version: 1,
        sessionId: 'sess-0001-abcdef',
        mimeType: 'audio/webm;codecs=opus',
        channels: { left: 'agent', right: 'customer' },
        startedAt: T0,
        finalisedAt: T0 + 96_000,
        durationMs: 95_000,
        recovered: false,
        chunksReceived: 95,
        parts: [],
        chunkSha256: [],
        gaps: [{ startedAt: T0 + 20_000, endedAt: T0 + 30_000, reason: '磁盘已满' }],
      },
    },
    retention: { until: Date.UTC(2046, 10, 25), contractEndDate: null, legalHold: false, legalHoldReason: null },
    ...over,
  };
}

type Row = ResponseOf<'session:list'>[number];

/** List rows (newest first, as the host returns them). */
export const ROWS: Row[] = [
  {
    id: 'sess-0003-abcdef',
    caseId: 'P2026000999',
    agentId: '1002',
    createdAt: T0 + 3_600_000,
    endedAt: T0 + 3_630_000,
    outcome: 'unreached:busy',
    state: 'closed',
    recordingState: 'none',
    recovered: false,
  },
  {
    id: 'sess-0002-abcdef',
    caseId: 'P2026000555',
    agentId: '1002',
    createdAt: T0 + 1_800_000,
    endedAt: T0 + 1_920_000,
    outcome: 'standard',
    state: 'closed',
    recordingState: 'finalised',
    recovered: true,
  },
  {
    id: 'sess-0001-abcdef',
    caseId: 'P2026000123',
    agentId: '1001',
    createdAt: T0 - 8000,
    endedAt: T0 + 95_000,
    outcome: 'problem',
    state: 'closed',
    recordingState: 'failed',
    recovered: false,
  },
];

/** The handle the fake host's `playback:open` answers. */
export const PLAYBACK_HANDLE = '6f1c2a4e-9b7d-4c3a-8e21-5d0f3b7a9c11';

/** Installs host handlers for the list, the sample session and a 3-byte recording; returns the spies. */
export function installReviewHost(options: { playbackRefusal?: string; getRefusal?: string; session?: CallSession } = {}) {
  const session = options.session ?? sampleSession();
  const playback = vi.fn(() => {
    if (options.playbackRefusal) throw new DomainError(options.playbackRefusal);
    return { handle: PLAYBACK_HANDLE, mimeType: 'audio/webm;codecs=opus', totalBytes: 3, durationMs: 95_000 };
  });
  const read = vi.fn((req: unknown) => {
    const { offset, length } = req as { offset: number; length: number };
    return { offset, data: btoa(String.fromCharCode(...[1, 2, 3].slice(offset, offset + length))), totalBytes: 3, integrity: 'verified' };
  });
  const close = vi.fn(() => ({ closed: true }));
  const get = vi.fn((req: unknown) => {
    if (options.getRefusal) throw new DomainError(options.getRefusal);
    const id = (req as { sessionId: string }).sessionId;
    return { ...session, id };
  });
  const setLegalHold = vi.fn((req: unknown) => {
    const r = req as { hold: boolean; reason: string | null };
    return { ...session.retention, legalHold: r.hold, legalHoldReason: r.hold ? r.reason : null };
  });
  fakeHandlers.set('session:list', () => ROWS);
  fakeHandlers.set('archive:list', () => ({ kind: 'ok', items: [] }));
  fakeHandlers.set('archive:audit', () => ({ sent: false, waiting: 0 }));
  fakeHandlers.set('session:get', get);
  fakeHandlers.set('playback:open', playback);
  fakeHandlers.set('playback:read', read);
  fakeHandlers.set('playback:close', close);
  fakeHandlers.set('session:setLegalHold', setLegalHold);
  return { playback, read, close, get, setLegalHold };
}

/** jsdom has no object URLs: count what is created and revoked. */
export function stubObjectUrls() {
  const created: string[] = [];
  const revoked: string[] = [];
  URL.createObjectURL = (() => {
    const url = `blob:fake-${created.length + 1}`;
    created.push(url);
    return url;
  }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = ((u: string) => void revoked.push(u)) as typeof URL.revokeObjectURL;
  return { created, revoked };
}

/**
 * jsdom's media element cannot seek or play: give one element a plain currentTime and a play()
 * spy, so a test reads exactly what the screen set.
 */
export function controllableAudio(el: HTMLMediaElement) {
  const state = { currentTime: 0, paused: true };
  Object.defineProperty(el, 'currentTime', { configurable: true, get: () => state.currentTime, set: (v: number) => void (state.currentTime = v) });
  Object.defineProperty(el, 'paused', { configurable: true, get: () => state.paused });
  const play = vi.fn(() => {
    state.paused = false;
    return Promise.resolve();
  });
  const pause = vi.fn(() => void (state.paused = true));
  Object.defineProperty(el, 'play', { configurable: true, value: play });
  Object.defineProperty(el, 'pause', { configurable: true, value: pause });
  return { state, play, pause };
}
