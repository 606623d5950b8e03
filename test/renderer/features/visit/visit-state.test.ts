import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import type { VisitDecision } from '../../../../renderer/features/outcome/visit-decision';
import {
  INITIAL_VISIT,
  VISIT_EVENT_TYPES,
  VISIT_PHASES,
  visitReducer,
  visitWork,
  type VisitEvent,
  type VisitPhase,
  type VisitState,
} from '../../../../renderer/features/visit/visit-state';

// The visit workflow's transitions, pinned one by one: every event a phase does not accept returns
// the very same state object, so a key pressed at the wrong moment cannot change the desk.

const policy = makeCase({ policyNo: 'P7200000001' });
const decision: VisitDecision = {
  kind: 'final',
  classification: { schemeId: 'default', category: 'standard', categoryLabel: { zh: '标准件', en: 'standard' }, kinds: [], followUp: null },
  attemptOutcome: null,
};

type EventType = VisitEvent['type'];

/** One event of each kind (the mapped type fails to compile when a kind is added without a sample). */
const SAMPLE: { readonly [K in EventType]: Extract<VisitEvent, { type: K }> } = {
  reset: { type: 'reset' },
  opened: { type: 'opened', policyNo: policy.policyNo, record: null, policy, error: null },
  openFailed: { type: 'openFailed', error: '无法打开案件：磁盘错误' },
  leave: { type: 'leave' },
  dial: { type: 'dial', number: '13900000001' },
  answerCaller: { type: 'answerCaller' },
  adopt: { type: 'adopt', policyNo: policy.policyNo, record: null, policy },
  dialRefused: { type: 'dialRefused', error: '示忙中不能拨打，请先恢复就绪（F8）' },
  ringing: { type: 'ringing', sessionId: 'session-1', number: '13900000001', startedAt: '2026-12-03T08:00:00.000Z' },
  connected: { type: 'connected', callId: 'call-1', answeredAt: 1_000 },
  dialFailed: { type: 'dialFailed', attempt: 'no_answer', reason: '振铃超时，无人接听', choice: 'no_answer' },
  choose: { type: 'choose', choice: 'busy' },
  confirmUnreached: { type: 'confirmUnreached' },
  unreachedClosed: { type: 'unreachedClosed', to: 'queue', error: null },
  callEnded: { type: 'callEnded', callId: 'call-1', endedAt: 2_000 },
  concluded: { type: 'concluded', decision, previousAttempts: 1 },
  finish: { type: 'finish' },
  finishFailed: { type: 'finishFailed', error: '保存失败：磁盘已满' },
  finished: { type: 'finished', offered: 'P7200000002' },
  notice: { type: 'notice', error: '已有通话进行中，不能再拨打：请先结束当前通话（Ctrl+Shift+H）' },
  dismissError: { type: 'dismissError' },
};

const run = (s: VisitState, ...events: EventType[]) => events.reduce((st, e) => visitReducer(st, SAMPLE[e]), s);

/** A state in each phase, reached through events from sign-in (frozen: the reducer must not mutate). */
const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
};
const IN: Record<VisitPhase, VisitState> = deepFreeze({
  queue: INITIAL_VISIT,
  case: run(INITIAL_VISIT, 'opened'),
  placing: run(INITIAL_VISIT, 'opened', 'dial'),
  dialling: run(INITIAL_VISIT, 'opened', 'dial', 'ringing'),
  unreached: run(INITIAL_VISIT, 'opened', 'dial', 'ringing', 'dialFailed'),
  caller: run(INITIAL_VISIT, 'answerCaller', 'ringing', 'connected'),
  wizard: run(INITIAL_VISIT, 'opened', 'dial', 'ringing', 'connected'),
  outcome: run(INITIAL_VISIT, 'opened', 'dial', 'ringing', 'connected', 'concluded'),
  finishing: run(INITIAL_VISIT, 'opened', 'dial', 'ringing', 'connected', 'concluded', 'finish'),
});

/**
 * The accepted events of each phase and where they lead; every other (phase × event) is ignored.
 * `reset` from the sign-in state is ignored too: it is that state already.
 */
const ACCEPTS: Record<VisitPhase, Partial<Record<EventType, VisitPhase>>> = {
  queue: { opened: 'case', openFailed: 'queue', answerCaller: 'placing', notice: 'queue' },
  case: { reset: 'queue', opened: 'case', openFailed: 'queue', leave: 'queue', dial: 'placing', answerCaller: 'placing', notice: 'case' },
  placing: { reset: 'queue', dialRefused: 'case', ringing: 'dialling', notice: 'placing' },
  dialling: { reset: 'queue', connected: 'wizard', dialFailed: 'unreached', dialRefused: 'case', notice: 'dialling' },
  unreached: { reset: 'queue', choose: 'unreached', confirmUnreached: 'unreached', unreachedClosed: 'queue', notice: 'unreached' },
  caller: { reset: 'queue', adopt: 'wizard', callEnded: 'queue', notice: 'caller' },
  wizard: { reset: 'queue', callEnded: 'wizard', concluded: 'outcome', notice: 'wizard' },
  outcome: { reset: 'queue', callEnded: 'outcome', finish: 'finishing', notice: 'outcome' },
  finishing: { reset: 'queue', callEnded: 'finishing', finishFailed: 'outcome', finished: 'queue', notice: 'finishing' },
};

const TABLE = VISIT_PHASES.flatMap((phase) => VISIT_EVENT_TYPES.map((event) => ({ phase, event, expected: ACCEPTS[phase][event] ?? ('ignored' as const) })));

describe('the visit workflow accepts in each phase only its own events', () => {
  it('the table covers every phase and every event kind', () => {
    expect([...VISIT_EVENT_TYPES].sort()).toEqual(Object.keys(SAMPLE).sort());
    expect(TABLE).toHaveLength(VISIT_PHASES.length * VISIT_EVENT_TYPES.length);
    for (const phase of VISIT_PHASES) expect(IN[phase].phase).toBe(phase);
  });

  it.each(TABLE)('in $phase, $event → $expected', ({ phase, event, expected }) => {
    const before = IN[phase];
    const after = visitReducer(before, SAMPLE[event]);
    if (expected === 'ignored') expect(after).toBe(before);
    else {
      expect(after).not.toBe(before);
      expect(after.phase).toBe(expected);
    }
  });
});

describe('a live dial is never orphaned', () => {
  it('Esc while the call rings cancels it: the cancelled dial comes back unreached, not counted, and closing it returns to the case', () => {
    const cancelled = visitReducer(IN.dialling, { type: 'dialFailed', attempt: 'cancelled', sipCode: 487, reason: '已取消呼叫（SIP 487）', choice: null });
    expect(cancelled).toMatchObject({ phase: 'unreached', failedDial: { attempt: 'cancelled', sipCode: 487, choice: null } });
    const back = run(cancelled, 'confirmUnreached');
    const closed = visitReducer(back, { type: 'unreachedClosed', to: 'case', error: null });
    expect(closed).toMatchObject({ phase: 'case', policyNo: policy.policyNo, failedDial: null, call: null });
  });

  it('a second dial while a dial is placed or rings is ignored', () => {
    expect(visitReducer(IN.placing, SAMPLE.dial)).toBe(IN.placing);
    expect(visitReducer(IN.dialling, SAMPLE.dial)).toBe(IN.dialling);
    expect(visitReducer(IN.unreached, SAMPLE.dial)).toBe(IN.unreached);
  });

  it('leaving the case or opening the next one while a dial is placed, rings or waits for its unreached choice is ignored', () => {
    for (const phase of ['placing', 'dialling', 'unreached'] as const) {
      expect(visitReducer(IN[phase], SAMPLE.leave)).toBe(IN[phase]);
      expect(visitReducer(IN[phase], SAMPLE.opened)).toBe(IN[phase]);
    }
  });

  it('the call is dialled only once its recorded call session exists (docs/domain.md §4: phone first, always recorded)', () => {
    expect(IN.placing.call).toBeNull();
    expect(IN.dialling.call).toMatchObject({ sessionId: 'session-1', callId: null, answeredAt: null });
    expect(visitReducer(IN.placing, SAMPLE.connected)).toBe(IN.placing);
  });

  it('a refused dial (示忙, no softphone, no call session) goes back to the case with its message', () => {
    expect(visitReducer(IN.placing, SAMPLE.dialRefused)).toMatchObject({ phase: 'case', error: SAMPLE.dialRefused.error, call: null });
  });

  it('a dial the phone refuses on the desk (not registered meanwhile) goes back to the case and leaves no unreached choice', () => {
    expect(visitReducer(IN.dialling, SAMPLE.dialRefused)).toMatchObject({ phase: 'case', error: SAMPLE.dialRefused.error, call: null, failedDial: null });
  });
});

describe('the unreached dialog always goes away (docs/domain.md §4: record the attempts and the reason)', () => {
  const variants = [
    { to: 'case' as const, error: null, saving: false },
    { to: 'case' as const, error: '本次拨打无通话记录，未计入拨打次数', saving: true },
    { to: 'queue' as const, error: null, saving: true },
    { to: 'case' as const, error: '拨打结果保存失败，未计入拨打次数：磁盘已满', saving: true },
  ];
  it.each(variants)('closing it to the $to (saving: $saving, error: $error) leaves the unreached phase', ({ to, error, saving }) => {
    const before = saving ? run(IN.unreached, 'confirmUnreached') : IN.unreached;
    const after = visitReducer(before, { type: 'unreachedClosed', to, error });
    expect(after).toMatchObject({ phase: to, failedDial: null, call: null, error });
  });

  it('while the attempt is being written, the choice is fixed and a second Enter is ignored (no second attempt)', () => {
    const saving = run(IN.unreached, 'confirmUnreached');
    expect(saving.failedDial).toMatchObject({ choice: 'no_answer', saving: true });
    expect(visitReducer(saving, SAMPLE.confirmUnreached)).toBe(saving);
    expect(visitReducer(saving, SAMPLE.choose)).toBe(saving);
  });

  it('the agent may change the choice, including to not counted, before confirming', () => {
    expect(run(IN.unreached, 'choose').failedDial?.choice).toBe('busy');
    expect(visitReducer(IN.unreached, { type: 'choose', choice: null }).failedDial?.choice).toBeNull();
  });
});

describe('hang-up paths', () => {
  it('the customer hangs up during the script: the call is marked ended and the desk turns to after-call work (docs/domain.md §6: a call cut off before the script ends)', () => {
    const ended = run(IN.wizard, 'callEnded');
    expect(ended).toMatchObject({ phase: 'wizard', call: { callId: 'call-1', endedAt: 2_000 } });
    expect(visitWork(IN.wizard)).toBe('in_call');
    expect(visitWork(ended)).toBe('wrap_up');
    expect(run(ended, 'concluded').phase).toBe('outcome');
  });

  it('the agent hangs up by leaving the script: the outcome opens, and the call end that follows is recorded on it', () => {
    const outcome = run(IN.wizard, 'concluded');
    expect(outcome.call?.endedAt).toBeNull();
    expect(run(outcome, 'callEnded').call?.endedAt).toBe(2_000);
  });

  it('the end of another call, a second end of the same call, or an end while only ringing changes nothing', () => {
    expect(visitReducer(IN.wizard, { type: 'callEnded', callId: 'call-9', endedAt: 2_000 })).toBe(IN.wizard);
    const ended = run(IN.wizard, 'callEnded');
    expect(visitReducer(ended, { type: 'callEnded', callId: 'call-1', endedAt: 3_000 })).toBe(ended);
    expect(visitReducer(IN.dialling, SAMPLE.callEnded)).toBe(IN.dialling);
  });
});

describe('finishing a visit', () => {
  it('a second Ctrl+Enter while the visit is written is ignored (one visit, one write)', () => {
    expect(visitReducer(IN.finishing, SAMPLE.finish)).toBe(IN.finishing);
  });

  it('a failed write goes back to the outcome screen with its message; a written visit offers the next case on the queue', () => {
    expect(run(IN.finishing, 'finishFailed')).toMatchObject({ phase: 'outcome', error: SAMPLE.finishFailed.error, decision });
    expect(run(IN.finishing, 'finished')).toMatchObject({ phase: 'queue', policyNo: null, policy: null, call: null, decision: null, offered: 'P7200000002' });
    expect(run(IN.finishing, 'finished', 'opened').offered).toBeNull();
  });
});

describe('messages and the agent status', () => {
  it('a message stays until dismissed; dismissing none changes nothing', () => {
    const shown = run(IN.case, 'notice');
    expect(shown.error).toBe(SAMPLE.notice.error);
    expect(run(shown, 'notice')).toBe(shown);
    expect(run(shown, 'dismissError').error).toBeNull();
    expect(run(IN.case, 'dismissError')).toBe(IN.case);
  });

  it('ringing and an answered call are 通话中, everything after the call until the visit is written is 话后整理, the rest is free', () => {
    const work = Object.fromEntries(VISIT_PHASES.map((p) => [p, visitWork(IN[p])]));
    expect(work).toEqual({
      queue: null,
      case: null,
      placing: null,
      dialling: 'in_call',
      unreached: 'wrap_up',
      caller: 'in_call',
      wizard: 'in_call',
      outcome: 'wrap_up',
      finishing: 'wrap_up',
    });
  });
});

describe('a caller who matched no case (desks set to take any caller)', () => {
  const placing = run(INITIAL_VISIT, 'answerCaller');
  const ringing = run(INITIAL_VISIT, 'answerCaller', 'ringing');

  it('answering leaves an idle case: the call is not about it, so nothing of it is carried', () => {
    expect(run(INITIAL_VISIT, 'opened', 'answerCaller')).toMatchObject({ phase: 'placing', policyNo: null, policy: null, caseRecord: null });
  });

  it('once up the call shows the queue (the agent looks the caller up) and counts as in a call', () => {
    expect(IN.caller).toMatchObject({ phase: 'caller', policyNo: null, call: { callId: 'call-1', answeredAt: 1_000 } });
    expect(visitWork(IN.caller)).toBe('in_call');
  });

  it('opening the caller’s case runs the script on the same call (docs/domain.md §4: the whole call is recorded)', () => {
    const adopted = run(IN.caller, 'adopt');
    expect(adopted).toMatchObject({ phase: 'wizard', policyNo: policy.policyNo, policy, call: IN.caller.call });
  });

  it('a caller gone before being answered leaves the desk on the queue, never on an unreached choice', () => {
    expect(visitReducer(placing, SAMPLE.dialRefused)).toMatchObject({ phase: 'queue', call: null, error: SAMPLE.dialRefused.error });
    expect(visitReducer(ringing, SAMPLE.dialRefused)).toMatchObject({ phase: 'queue', call: null });
    expect(visitReducer(ringing, SAMPLE.dialFailed)).toBe(ringing);
  });

  it('a call ended before a case was opened returns to the queue with no call', () => {
    expect(run(IN.caller, 'callEnded')).toMatchObject({ phase: 'queue', call: null, policyNo: null });
  });

  it('opening a case is adopt, not a new dial: a dial or another opened case is ignored while the caller is on the line', () => {
    expect(visitReducer(IN.caller, SAMPLE.dial)).toBe(IN.caller);
    expect(visitReducer(IN.caller, SAMPLE.opened)).toBe(IN.caller);
    expect(visitReducer(IN.caller, SAMPLE.answerCaller)).toBe(IN.caller);
  });
});
