import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptRecord, CallbackRecord, CallSessionRecord } from '../../../../renderer/data/records';
import { maskName } from '../../../../shared/domain/masking';
import { addAttempts, addCallbacks, addSessions, assigned, policy } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

// The agent's own day, one key (F2) from the queue. "Today" is the desk's local
// calendar day; the rows below are placed relative to it, so the tests hold on any date and zone.

const startOfToday = () => {
  const n = new Date();
  return new Date(n.getFullYear(), n.getMonth(), n.getDate());
};
/** A local time `hours` after today's midnight (negative: yesterday; 24+: tomorrow). */
const at = (hours: number) => new Date(startOfToday().getTime() + hours * 3_600_000).toISOString();

const cases = [
  assigned(policy({ policyNo: 'P2026000701', policyholder: { name: '王晓明' } })),
  assigned(policy({ policyNo: 'P2026000702', policyholder: { name: '李建国' } })),
  assigned(policy({ policyNo: 'P2026000703', policyholder: { name: '赵红梅' } })),
  assigned(policy({ policyNo: 'P2026000704', policyholder: { name: '孙志强' } })),
];

const callback = (id: string, policyNo: string, dueAt: string, patch: Partial<CallbackRecord> = {}): CallbackRecord => ({
  id,
  policyNo,
  dueAt,
  owner: '1001',
  bookedBy: '1001',
  bookedAt: at(-30),
  note: '客户下午方便',
  overrideReason: null,
  state: 'pending',
  ...patch,
});

const attempt = (id: string, occurredAt: string, patch: Partial<AttemptRecord> = {}): AttemptRecord => ({
  id,
  policyNo: 'P2026000701',
  occurredAt,
  outcome: 'connected',
  detail: 'completed',
  phone: '13800138000',
  agent: '1001',
  ...patch,
});

const session = (id: string, policyNo: string, endedAt: string, classification: string | null, agent = '1001'): CallSessionRecord => ({
  id,
  policyNo,
  agent,
  startedAt: new Date(Date.parse(endedAt) - 300_000).toISOString(),
  endedAt,
  callId: null,
  recordingSessionId: null,
  answers: {},
  classification,
  kinds: [],
});

type Flow = Awaited<ReturnType<typeof startWorkflow>>;
let flow: Flow | null = null;
afterEach(() => {
  flow?.view.unmount();
  flow = null;
});

async function openAgenda(f: Flow) {
  await f.user.keyboard('{F2}');
  return screen.findByRole('region', { name: '我的工作台 · 今日' });
}

describe('我的工作台: the agent’s own day, one key from the queue', () => {
  it('F2 on the queue opens the agenda (the queue’s key bar says so) and Esc goes back to the queue', async () => {
    flow = await startWorkflow(cases);
    expect(screen.getByText(/F2 我的工作台/)).toBeInTheDocument();
    await openAgenda(flow);
    expect(screen.queryByRole('listbox', { name: '待回访队列' })).toBeNull();
    expect(screen.getByRole('listbox', { name: '我的预约回呼' })).toHaveFocus();
    await flow.user.keyboard('{Escape}');
    expect(await screen.findByRole('listbox', { name: '待回访队列' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '我的工作台 · 今日' })).toBeNull();
  });

  it('lists the callbacks due today and overdue, oldest first, masked; tomorrow’s, closed and a colleague’s are not listed', async () => {
    flow = await startWorkflow(cases);
    await addCallbacks(flow.db, [
      callback('cb-today', 'P2026000701', at(23.5)),
      callback('cb-overdue', 'P2026000702', at(-14)),
      callback('cb-anyone', 'P2026000703', at(0.5), { owner: null }),
      callback('cb-tomorrow', 'P2026000704', at(24.5)),
      callback('cb-colleague', 'P2026000704', at(1), { owner: '1002' }),
      callback('cb-done', 'P2026000704', at(2), { state: 'done' }),
    ]);
    await openAgenda(flow);
    const list = screen.getByRole('listbox', { name: '我的预约回呼' });
    const rows = await within(list).findAllByRole('option');
    expect(rows.map((r) => within(r).getByText(/^P2026/).textContent)).toEqual(['P2026000702', 'P2026000703', 'P2026000701']);
    expect(within(rows[0]).getByText('已逾期')).toBeInTheDocument();
    expect(within(rows[1]).getByText('组内任何人')).toBeInTheDocument();
    expect(within(rows[2]).getByText('今天')).toBeInTheDocument();
    expect(within(rows[0]).getByText(maskName('李建国'))).toBeInTheDocument();
    expect(within(list).queryByText('李建国')).toBeNull();
    expect(within(list).queryByText('P2026000704')).toBeNull();
  });

  it('the day’s figures count this agent’s rows of today only: yesterday’s and a colleague’s are ignored', async () => {
    flow = await startWorkflow(cases);
    await addAttempts(flow.db, [
      attempt('a-today-1', at(0.2), { durationSec: 120 }),
      attempt('a-today-2', at(0.3), { outcome: 'no_answer', detail: 'no_answer', durationSec: 0 }),
      attempt('a-today-3', at(0.4), { policyNo: 'P2026000702', durationSec: 65 }),
      attempt('a-yesterday', at(-2), { durationSec: 500 }),
      attempt('a-colleague', at(0.5), { agent: '1002', durationSec: 300 }),
    ]);
    await addSessions(flow.db, [
      session('s-standard', 'P2026000701', at(0.25), 'standard'),
      session('s-problem', 'P2026000702', at(0.45), 'problem'),
      session('s-open', 'P2026000703', at(0.5), null),
      session('s-yesterday', 'P2026000704', at(-3), 'standard'),
      session('s-colleague', 'P2026000703', at(0.6), 'substandard', '1002'),
    ]);
    await openAgenda(flow);
    const figures = screen.getByRole('region', { name: '今日数据' });
    const value = (term: string) => within(figures).getByText(term).nextElementSibling?.textContent;
    await within(figures).findByText('拨打次数');
    expect(value('拨打次数')).toBe('3');
    expect(value('完成回访')).toBe('2');
    // Desk definition: standard + substandard among my results today / my results today.
    expect(value('成功率')).toBe('50%（1 / 2）');
    expect(value('通话时长')).toBe('3分5秒');
    expect(within(figures).getByText(/成功率 = 本人今日写入的结果中标准件与次标准件之和/)).toBeInTheDocument();

    const finished = screen.getByRole('table', { name: '今日完成' });
    const bodyRows = within(finished).getAllByRole('row').slice(1);
    expect(
      bodyRows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [expect.any(String), 'P2026000701', maskName('王晓明'), expect.any(String), '标准件'],
      [expect.any(String), 'P2026000702', maskName('李建国'), expect.any(String), '问题件'],
    ]);
  });

  it('Enter on a callback opens its case, as Enter on the queue does', async () => {
    flow = await startWorkflow(cases);
    await addCallbacks(flow.db, [callback('cb-1', 'P2026000702', at(-14)), callback('cb-2', 'P2026000703', at(23))]);
    await openAgenda(flow);
    const list = screen.getByRole('listbox', { name: '我的预约回呼' });
    await within(list).findAllByRole('option');
    await flow.user.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('listbox', { name: '联系电话' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '我的工作台 · 今日' })).toBeNull();
    expect(screen.getByText('回访件 P2026000703')).toBeInTheDocument();
  });
});
