import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/app';
import type { HuifangDb } from '../../../renderer/data/huifang-db';
import type { AssignedCase } from '../../../shared/sync';
import type { CallResult, EndedCall, IncomingCall, SoftphoneApi } from '../../../renderer/features/softphone/softphone-api';
import { useSoftphoneStore } from '../../../renderer/features/softphone/softphone-store';
import { maskPhone } from '../../../shared/domain/masking';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { useVisitStore } from '../../../renderer/features/visit/visit-store';
import { useWizardStore } from '../../../renderer/features/wizard/wizard-store';
import { useQueueStore } from '../../../renderer/features/queue/queue-store';
import { fakeHandlers } from '../../setup/fake-huifang';
import { freshDb, seedCases } from './test-db';
import { writeSetting } from '../../../renderer/data/settings-repo';
import { DEFAULT_CALLING_HOURS, type CallingHours } from '../../../shared/domain/calling-hours';

/** Calling hours that never refuse: the workflow's tests run at any hour; the calling-hours tests pass their own. */
const ALL_DAY: CallingHours = { ...DEFAULT_CALLING_HOURS, start: '00:00', end: '24:00' };

/**
 * A scripted softphone: `dial` answers with the next queued result. With `ringNext` the next dial
 * rings until `hangup()` (cancelled, 487) or `settle(result)`; meanwhile a further dial is refused
 * as the real CallController refuses it (busy line), and `busy()` is true (also while `lineBusy`,
 * e.g. a call typed on the pad).
 */
export class FakePhone implements SoftphoneApi {
  readonly dialled: string[] = [];
  results: CallResult[] = [];
  ringNext = false;
  lineBusy = false;
  /** Why a dial cannot leave the desk (e.g. not registered), or null. */
  notReady: string | null = null;
  hangups = 0;
  private ringing: ((result: CallResult) => void) | null = null;
  private ended = new Set<(info: EndedCall) => void>();
  async dial(number: string): Promise<CallResult> {
    this.dialled.push(number);
    if (this.ringing || this.lineBusy) return { kind: 'failed', attempt: 'network', reason: '已有通话进行中' };
    if (this.ringNext) {
      this.ringNext = false;
      return new Promise<CallResult>((resolve) => {
        this.ringing = (result) => {
          this.ringing = null;
          resolve(result);
        };
      });
    }
    return this.results.shift() ?? { kind: 'connected', callId: `call-${this.dialled.length}` };
  }
  async hangup(): Promise<void> {
    this.hangups++;
    this.ringing?.({ kind: 'failed', attempt: 'cancelled', sipCode: 487, reason: '已取消呼叫（SIP 487）' });
  }
  busy(): boolean {
    return this.ringing !== null || this.lineBusy;
  }
  dialReadiness(): string | null {
    return this.notReady;
  }
  /** The ringing dial ends with `result` (e.g. the ring timeout: no_answer). */
  settle(result: CallResult): void {
    this.ringing?.(result);
  }
  onCallEstablished(): () => void {
    return () => undefined;
  }
  onCallEnded(listener: (info: EndedCall) => void): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }
  setDialBlocked(): void {}
  // Inbound calls: the test offers one; the desk rings it (into the softphone store, as the real
  // InboundCalls does), answers or declines it.
  readonly declined: { callId: string; busy: boolean }[] = [];
  readonly answered: string[] = [];
  private incoming = new Set<(call: IncomingCall) => void>();
  private callers = new Map<string, string>();
  onIncoming(listener: (call: IncomingCall) => void): () => void {
    this.incoming.add(listener);
    return () => this.incoming.delete(listener);
  }
  /** A caller rings the desk. */
  offerIncoming(callId: string, from: string): void {
    this.callers.set(callId, from);
    for (const l of this.incoming) l({ callId, from, at: Date.now() });
  }
  ringIncoming(callId: string, caseId: string | null): boolean {
    useSoftphoneStore.getState().dispatch({ type: 'incoming', callId, from: maskPhone(this.callers.get(callId) ?? ''), caseId, at: Date.now() });
    return true;
  }
  declineIncoming(callId: string, busy = false): void {
    this.declined.push({ callId, busy });
    useSoftphoneStore.getState().dispatch({ type: 'incomingEnded', callId });
  }
  async answer(callId: string): Promise<CallResult> {
    this.answered.push(callId);
    useSoftphoneStore.getState().dispatch({ type: 'incomingEnded', callId });
    return { kind: 'connected', callId };
  }
  /** The far end hangs up. */
  endCall(callId: string, endedBy: EndedCall['endedBy'] = 'customer', noMedia: EndedCall['noMedia'] = []): void {
    for (const l of this.ended) l({ callId, endedBy, reason: '对方挂断', endedAt: Date.now(), noMedia });
  }
}

/** What the fake host recorded. */
export interface HostLog {
  markers: { sessionId: string; questionId: string; answer: string | null; reask?: boolean }[];
  closed: { sessionId: string; outcome: string | null; answers: Record<string, string>; outcomeNote?: string | null }[];
  /** `session:open` requests (case, agent, script, contract end date for retention). */
  opened: { caseId: string | null; contractEndDate: string | null }[];
  /** `session:attachCase` requests (an unmatched caller's session given the case the agent opened). */
  attached: { sessionId: string; caseId: string; contractEndDate: string | null; scriptValues?: Record<string, string> }[];
  pushed: unknown[];
}

/**
 * Renders the real App over a fake-indexeddb cache, a fake host (centre offline after sign-in,
 * session channels recorded) and a scripted softphone; signs agent 1001 in.
 */
export async function startWorkflow(
  cases: readonly AssignedCase[],
  options: { online?: boolean; callingHours?: CallingHours; inboundCallers?: 'case' | 'any' } = {},
) {
  useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
  useVisitStore.getState().dispatch({ type: 'reset' });
  useWizardStore.getState().reset();
  useQueueStore.getState().reset();
  const db: HuifangDb = freshDb();
  await seedCases(db, cases);
  await writeSetting(db, 'lastStaffNo', '1001'); // the cache belongs to this agent
  await writeSetting(db, 'callingHours', options.callingHours ?? ALL_DAY);
  if (options.inboundCallers) await writeSetting(db, 'inboundCallers', options.inboundCallers);
  const phone = new FakePhone();
  const log: HostLog = { markers: [], closed: [], pushed: [], opened: [], attached: [] };
  const user = { staffNo: '1001', name: '演示坐席', role: 'agent' as const, team: 'A', languages: ['mandarin'] };
  const status = { phase: options.online ? 'online' : 'offline', user, url: null, embedded: true, lastError: null, lastContactAt: null };
  fakeHandlers.set('center:signIn', () => ({ kind: 'signed_in', user, mode: options.online ? 'online' : 'offline' }));
  fakeHandlers.set('center:signOut', () => ({ signedOut: true }));
  fakeHandlers.set('center:getStatus', () => status);
  fakeHandlers.set('center:pull', () => ({ kind: 'offline', message: '无法连接案件中心' }));
  fakeHandlers.set('center:push', (req) => {
    log.pushed.push(req);
    return { kind: 'offline', message: '无法连接案件中心' };
  });
  let sessions = 0;
  fakeHandlers.set('session:open', (req) => {
    log.opened.push(req as HostLog['opened'][number]);
    return { sessionId: `session-${String(++sessions).padStart(4, '0')}` };
  });
  fakeHandlers.set('session:setCallInfo', () => ({ ok: true }));
  fakeHandlers.set('session:attachCase', (req) => {
    log.attached.push(req as HostLog['attached'][number]);
    return { ok: true };
  });
  fakeHandlers.set('session:marker', (req) => {
    log.markers.push(req as HostLog['markers'][number]);
    return { ok: true };
  });
  fakeHandlers.set('session:close', (req) => {
    log.closed.push(req as HostLog['closed'][number]);
    return {};
  });
  const user$ = userEvent.setup();
  const view = render(<App parts={() => ({ db, softphone: () => phone, startRecording: null })} />);
  await user$.type(screen.getByLabelText('工号'), '1001');
  await user$.type(screen.getByLabelText('密码'), 'demo1234');
  await user$.keyboard('{Enter}');
  const list = await screen.findByRole('listbox', { name: '待回访队列' });
  if (cases.length > 0) await within(list).findAllByRole('option');
  return { db, phone, log, user: user$, view };
}

/**
 * Opens the first case of the queue, dials, confirms identity and the greeting, marks the
 * policyholder busy (Alt+B) and opens the outcome screen; returns queries within it.
 */
export async function busyCallToOutcome(flow: Awaited<ReturnType<typeof startWorkflow>>) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('listbox', { name: '联系电话' });
  await flow.user.keyboard('d');
  await screen.findByRole('region', { name: '回访话术' });
  await flow.user.keyboard('1{Enter}{Enter}');
  await flow.user.keyboard('{Alt>}b{/Alt}');
  await flow.user.keyboard('{Enter}');
  return within(await screen.findByRole('region', { name: '回访结果确认' }));
}
