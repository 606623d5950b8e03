import { describe, expect, it } from 'vitest';
import { boardAlerts } from '../../../../renderer/features/live/board-alerts';
import { rowAlert } from '../../../../renderer/features/live/live-board-rows';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import type { LiveAgent, LiveState } from '../../../../shared/sync';

/** The default limit of a long call (desk settings `boardAlerts`). */
const LONG_CALL_MS = 15 * 60_000;
const NOW = Date.parse('2026-03-10T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const regulatory = DEFAULT_SCRIPT.steps.find((s) => s.section === 'regulatory')!.id;
const other = DEFAULT_SCRIPT.steps.find((s) => s.section !== 'regulatory')!.id;

const agent = (staffNo: string, over: Partial<LiveState>, stale = false): LiveAgent => ({
  staffNo,
  name: staffNo,
  stale,
  receivedAt: ago(0),
  state: {
    status: 'in_call',
    statusSince: ago(60_000),
    pauseReason: null,
    case: { policyNo: 'P2026000001', kind: 'new' },
    call: { phase: 'connected', since: ago(60_000) },
    script: null,
    updatedAt: ago(0),
    sipUri: 'sip:1002@127.0.0.1',
    ...over,
  },
});
const script = (stepId: string, answer: string) => ({ stepId, stepIndex: 3, questionText: null, lastAnswer: { stepId, answer } });

describe('alerts on the lead’s board (README "Team-lead coaching", docs/domain.md regulatory questions)', () => {
  it('否 or 不清楚 on a regulatory question is raised; 是, or 否 on another step, is not', () => {
    const alerts = boardAlerts(
      [
        agent('1001', { script: script(regulatory, 'no') }),
        agent('1002', { script: script(regulatory, 'unclear') }),
        agent('1003', { script: script(regulatory, 'yes') }),
        agent('1004', { script: script(other, 'no') }),
      ],
      NOW,
    );
    expect(alerts).toEqual([
      { staffNo: '1001', kind: 'regulatory_answer', stepId: regulatory, answer: 'no' },
      { staffNo: '1002', kind: 'regulatory_answer', stepId: regulatory, answer: 'unclear' },
    ]);
  });

  it('a call longer than 15 minutes, a wrap-up longer than 2 and a pause longer than 15 are raised, from the second they pass', () => {
    const long = agent('1001', { call: { phase: 'held', since: ago(LONG_CALL_MS + 1000) } });
    const justUnder = agent('1002', { call: { phase: 'connected', since: ago(LONG_CALL_MS - 1000) } });
    const wrap = agent('1003', { status: 'wrap_up', statusSince: ago(2 * 60_000 + 1), call: null });
    const pause = agent('1004', { status: 'paused', statusSince: ago(15 * 60_000 + 1), pauseReason: 'break', call: null });
    const shortPause = agent('1005', { status: 'paused', statusSince: ago(14 * 60_000), pauseReason: 'break', call: null });
    expect(boardAlerts([long, justUnder, wrap, pause, shortPause], NOW).map((a) => `${a.staffNo}:${a.kind}`)).toEqual([
      '1001:long_call',
      '1003:long_wrap_up',
      '1004:long_pause',
    ]);
    expect(boardAlerts([justUnder], NOW + 2000).map((a) => a.kind)).toEqual(['long_call']);
  });

  it('stale or signed-out agents raise nothing (their state is old)', () => {
    const stale = agent('1001', { script: script(regulatory, 'no'), call: { phase: 'connected', since: ago(LONG_CALL_MS * 2) } }, true);
    expect(boardAlerts([stale, { staffNo: '1002', name: '', state: null, receivedAt: null, stale: false }], NOW)).toEqual([]);
  });

  it('the limits come from the centre’s desk settings: an admin’s 5-minute call, 1-minute wrap-up and 30-minute pause replace 15, 2 and 15 (shared/sync/desk-config.ts)', () => {
    const limits = { longCallMinutes: 5, longWrapUpMinutes: 1, longPauseMinutes: 30 };
    const call = agent('1001', { call: { phase: 'connected', since: ago(6 * 60_000) } });
    const wrap = agent('1002', { status: 'wrap_up', statusSince: ago(90_000), call: null });
    const pause = agent('1003', { status: 'paused', statusSince: ago(20 * 60_000), pauseReason: 'break', call: null });
    expect(boardAlerts([call, wrap, pause], NOW).map((a) => `${a.staffNo}:${a.kind}`)).toEqual(['1003:long_pause']);
    expect(boardAlerts([call, wrap, pause], NOW, limits).map((a) => `${a.staffNo}:${a.kind}`)).toEqual(['1001:long_call', '1002:long_wrap_up']);
    expect([wrap, pause].map((a) => rowAlert(a, NOW, limits))).toEqual(['long_wrap_up', null]);
    expect([wrap, pause].map((a) => rowAlert(a, NOW))).toEqual([null, 'long_pause']);
  });

  it('a failed recording is raised while the agent is in the call or its wrap-up, not once back to ready (README "Team-lead coaching")', () => {
    const inCall = agent('1001', { recording: 'failed' });
    const wrap = agent('1002', { status: 'wrap_up', statusSince: ago(30_000), call: null, recording: 'failed' });
    const ready = agent('1003', { status: 'ready', call: null, case: null, recording: 'failed' });
    const fine = agent('1004', { recording: 'recording' });
    expect(boardAlerts([inCall, wrap, ready, fine], NOW).map((a) => `${a.staffNo}:${a.kind}`)).toEqual(['1001:recording_failed', '1002:recording_failed']);
  });

  it('a case in the agent’s hands whose deadline falls today or within the next 2 days is raised — the wallboard’s "at risk" rule (shared/sync/reports.ts deadlineAtRisk)', () => {
    const onCase = (staffNo: string, deadline: string | undefined) =>
      agent(staffNo, { case: { policyNo: `P20260000${staffNo.slice(2)}`, kind: 'new', ...(deadline ? { deadline } : {}) } });
    const alerts = boardAlerts(
      [
        onCase('1001', '2026-03-10'),
        onCase('1002', '2026-03-12T23:59:00+08:00'),
        onCase('1003', '2026-03-13'),
        onCase('1004', '2026-03-09'),
        onCase('1005', undefined),
      ],
      NOW,
    );
    expect(alerts).toEqual([
      { staffNo: '1001', kind: 'deadline_risk', policyNo: 'P2026000001', deadline: '2026-03-10' },
      { staffNo: '1002', kind: 'deadline_risk', policyNo: 'P2026000002', deadline: '2026-03-12' },
    ]);
  });
});
