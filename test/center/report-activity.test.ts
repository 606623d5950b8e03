import { enginesUnderTest } from './support/engines';
import { evaluationRow } from './support/qa-evaluation-row';
import { get, loginAs, startTestCenter, type TestCenter } from './support/in-process-center';
import { deskTime, nextDeskState } from '../../center/reports/desk-time';
import { statusSeconds } from '../../center/reports/status-time';

// Agent activity in the management report (docs/domain.md §8; center/README.md "Management reports"):
// calls, talk time, time per desk status from the pushed session events, QA scores.
const engines = await enginesUnderTest();

const at = (hm: string) => Date.parse(`2026-02-02T${hm}:00+08:00`);

describe('desk time from session events', () => {
  it('counts working and break time between events; a vanished desk counts to its last heartbeat only', () => {
    expect(nextDeskState('signed_out', 'break_start')).toBe('signed_out');
    expect(nextDeskState('on_break', 'heartbeat')).toBe('on_break');
    const t = deskTime([
      { at: at('09:00'), event: 'sign_in' },
      { at: at('10:00'), event: 'break_start' },
      { at: at('10:15'), event: 'break_end' },
      { at: at('12:00'), event: 'sign_out' },
      { at: at('13:00'), event: 'sign_in' },
      { at: at('13:30'), event: 'heartbeat' },
    ]);
    // working 09:00–10:00 + 10:15–12:00 + 13:00–13:30 = 60 + 105 + 30 min; break 15 min.
    expect(t).toEqual({ workingSec: 195 * 60, breakSec: 15 * 60 });
  });
});

describe('time per desk status from the status log (center/reports/status-time.ts)', () => {
  const iso = (hm: string) => new Date(at(hm)).toISOString();
  it('a status lasts until the next, at most a minute past when it was last heard, clipped to the period; signed out counts nothing', () => {
    const rows = [
      { since: iso('08:50'), status: 'ready', until: iso('09:05') }, // began before the period
      { since: iso('09:05'), status: 'in_call', until: iso('09:10') },
      { since: iso('09:10'), status: 'signed_out', until: null },
      { since: iso('13:00'), status: 'paused', until: iso('13:30') }, // the desk vanished: counted to 13:31
      { since: iso('13:45'), status: 'wrap_up', until: iso('18:00') }, // runs past the period's end
    ];
    expect(statusSeconds(rows, at('09:00'), at('14:00'))).toEqual({ readySec: 5 * 60, pausedSec: 31 * 60, inCallSec: 5 * 60, wrapUpSec: 15 * 60 });
    expect(statusSeconds([], at('09:00'), at('14:00'))).toEqual({ readySec: 0, pausedSec: 0, inCallSec: 0, wrapUpSec: 0 });
  });
});

describe.each(engines)('agent activity on $name', (engine) => {
  let center: TestCenter;
  let lead: string;
  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const db = center.context.store.db;
    const item = (id: string, staff: string, kind: string, occurred: string, data: object) => ({
      id,
      kind,
      policy_no: kind === 'session' ? null : 'PX000001',
      staff_no: staff,
      payload: JSON.stringify({ id, kind, occurredAt: occurred, data }),
      digest: id,
      occurred_at: occurred,
      received_at: '2026-02-02T04:00:00.000Z',
    });
    await db
      .insertInto('sync_items')
      .values([
        item('a1', '1001', 'attempt', '2026-02-02T09:10:00+08:00', { channel: 'phone', outcome: 'connected', durationSec: 300 }),
        item('a2', '1001', 'attempt', '2026-02-02T09:20:00+08:00', { channel: 'phone', outcome: 'no_answer', durationSec: 0 }),
        item('a3', '1001', 'attempt', '2026-02-03T09:20:00+08:00', { channel: 'letter', outcome: 'connected' }),
        item('a4', '1001', 'attempt', '2026-03-01T09:20:00+08:00', { channel: 'phone', outcome: 'connected', durationSec: 999 }),
        item('a5', '1101', 'attempt', '2026-02-02T09:20:00+08:00', { channel: 'phone', outcome: 'connected', durationSec: 60 }),
        item('s1', '1001', 'session', '2026-02-02T09:00:00+08:00', { event: 'sign_in', workstationId: 'ws1' }),
        item('s2', '1001', 'session', '2026-02-02T10:00:00+08:00', { event: 'break_start', workstationId: 'ws1' }),
        item('s3', '1001', 'session', '2026-02-02T10:10:00+08:00', { event: 'break_end', workstationId: 'ws1' }),
        item('s4', '1001', 'session', '2026-02-02T11:00:00+08:00', { event: 'sign_out', workstationId: 'ws1' }),
      ])
      .execute();
    const evaluation = (id: string, score: number, passed: number, calibration: string | null) =>
      evaluationRow({
        id,
        session_id: `sess-${id}`,
        calibration_id: calibration,
        score_tenths: score,
        passed,
        state: calibration ? 'calibration' : 'published',
      });
    await db
      .insertInto('qa_evaluations')
      .values([
        evaluation('q1', 905, 1, null),
        evaluation('q2', 700, 0, null),
        evaluation('q3', 100, 0, 'cal-1'),
        // Superseded by a lead's revision: history, not the agent's score.
        { ...evaluation('q0', 0, 0, null), session_id: 'sess-q2', is_current: 0 },
      ])
      .execute();
    // Desk statuses as the live route keeps them (center/live/status-log.ts): 1001 ready, paused,
    // in a call, in wrap-up and then no longer heard; 1101 is team B.
    const status = (staff: string, since: string, state: string, until: string | null) => ({
      staff_no: staff,
      since: new Date(`2026-02-02T${since}:00+08:00`).toISOString(),
      status: state,
      pause_reason: state === 'paused' ? 'meeting' : null,
      until: until === null ? null : new Date(`2026-02-02T${until}:00+08:00`).toISOString(),
    });
    await db
      .insertInto('desk_status_log')
      .values([
        status('1001', '09:00', 'ready', '09:19'),
        status('1001', '09:20', 'paused', '09:25'),
        status('1001', '09:25', 'in_call', '09:39'),
        status('1001', '09:40', 'wrap_up', '09:41'),
        status('1001', '11:00', 'signed_out', null),
        status('1101', '09:00', 'ready', '10:00'),
      ])
      .execute();
    lead = await loginAs(center.url, '2001');
  });
  afterAll(async () => center?.close());

  it('phone attempts, connected ones and talk time in the month; desk time; QA mean without calibrations or superseded versions; own team only', async () => {
    const rep = (await get(`${center.url}/api/reports?period=2026-02`, lead)).json.value;
    // 1001 in February: a1 + a2 by phone (a3 a letter, a4 in March); talk 300 s. Working 09:00–10:00
    // and 10:10–11:00 = 110 min; break 10 min. QA (90.5 + 70) / 2 = 80.25 → 80.3 (q3 is a calibration).
    // 1101 is team B: not in team A's report. Statuses: ready 09:00–09:20, paused 09:20–09:25, in a
    // call 09:25–09:40, wrap-up from 09:40 until a minute after last heard (09:41): 2 min, not to 11:00.
    expect(rep.agentActivity).toEqual([
      {
        staffNo: '1001',
        calls: 2,
        connected: 1,
        talkSec: 300,
        workingSec: 6600,
        breakSec: 600,
        readySec: 1200,
        pausedSec: 300,
        inCallSec: 900,
        wrapUpSec: 120,
        qaEvaluations: 2,
        qaAvgScore: 80.3,
        qaPassed: 1,
      },
    ]);
  });
});
