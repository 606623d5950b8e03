import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamCallback, TeamCase, TeamPhoneCorrection } from '../../../../shared/sync';
import { App } from '../../../../renderer/app/app';
import { useSessionStore } from '../../../../renderer/features/sign-in/session-store';
import { localIsoDate } from '../../../../shared/domain/calendar/iso-date';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { fakeSignedIn } from '../../support/fake-signed-in';
import { freshDb } from '../../data/test-db';

const DAY = 86_400_000;
const day = (offset: number) => localIsoDate(Date.now() + offset * DAY);

function teamCase(policyNo: string, over: Partial<TeamCase>): TeamCase {
  return {
    policyNo,
    status: 'assigned',
    kind: 'new',
    priority: 1,
    deadline: day(30),
    escalated: false,
    assignedTo: '1001',
    language: 'mandarin',
    holder: '张*',
    phone: '138****8000',
    resultClass: null,
    override: null,
    ...over,
  };
}

function correction(id: string, policyNo: string): TeamPhoneCorrection {
  return {
    id,
    policyNo,
    original: '13800138000',
    corrected: '13900139000',
    reason: '号码已停机',
    correctedBy: '1002',
    correctedAt: '2026-03-10T09:15:00+08:00',
    team: 'A',
    receivedAt: '2026-03-10T01:15:00.000Z',
    review: null,
  };
}

const members = [
  { staffNo: '1001', name: '坐席甲', role: 'agent', languages: ['mandarin'] },
  { staffNo: '1002', name: '坐席乙', role: 'agent', languages: ['mandarin'] },
  { staffNo: '2001', name: '组长A', role: 'team_lead', languages: ['mandarin'] },
];

const reassigned = vi.fn();
const reviewed = vi.fn();

function installTeamHost(callbacks: TeamCallback[] = []) {
  reassigned.mockClear();
  reviewed.mockClear();
  fakeHandlers.set('center:roster', () => ({ kind: 'ok', roster: { team: 'A', members } }));
  fakeHandlers.set('center:teamCases', () => ({
    kind: 'ok',
    cases: [
      teamCase('P0000001', { assignedTo: '1001', status: 'assigned' }),
      teamCase('P0000002', { assignedTo: '1002', status: 'in_progress', deadline: day(-2) }),
      teamCase('P0000003', { assignedTo: '1001', status: 'in_progress', deadline: day(0) }),
      teamCase('P0000004', { assignedTo: null, status: 'pending' }),
    ],
  }));
  fakeHandlers.set('center:reassign', (req) => {
    reassigned(req);
    const r = req as { policyNo: string; toStaffNo: string };
    return { kind: 'ok', result: { policyNo: r.policyNo, assignedTo: r.toStaffNo } };
  });
  fakeHandlers.set('center:teamPhoneCorrections', () => ({
    kind: 'ok',
    corrections: { items: [correction('c1', 'P0000001'), correction('c2', 'P0000002')], hasMore: false },
  }));
  fakeHandlers.set('center:reviewPhoneCorrection', (req) => {
    reviewed(req);
    const r = req as { decision: 'accepted' | 'rejected'; note?: string };
    return { kind: 'ok', review: { decision: r.decision, note: r.note ?? null, reviewedBy: '2001', reviewedAt: new Date().toISOString() } };
  });
  fakeHandlers.set('center:teamCallbacks', () => ({ kind: 'ok', callbacks: { team: 'A', at: new Date().toISOString(), items: callbacks } }));
}

async function signInAs(staffNo: string, role: string) {
  const user = userEvent.setup();
  fakeSignedIn(staffNo, role);
  render(<App parts={() => ({ db: freshDb(), softphone: () => null, startRecording: null })} />);
  await user.type(screen.getByLabelText('工号'), staffNo);
  await user.type(screen.getByLabelText('密码'), 'demo1234');
  await user.keyboard('{Enter}');
  return user;
}

const caseList = () => screen.findByRole('listbox', { name: '班组回访件' });
const policiesShown = async () =>
  within(await caseList())
    .queryAllByRole('option')
    .map((o) => o.id.replace('team-case-', ''));

describe('the team view, a team lead’s first screen (docs/domain.md §8: the lead manages the team’s cases)', () => {
  beforeEach(() => {
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    installTeamHost();
  });

  it('a team lead lands on the team view, colleagues by name; F3 goes to the own queue and back', async () => {
    const user = await signInAs('2001', 'team_lead');
    expect(await screen.findByRole('heading', { name: /^班组工作台/ })).toBeInTheDocument();
    expect(screen.queryByRole('listbox', { name: '待回访队列' })).toBeNull();
    const first = within(await caseList()).getAllByRole('option')[0];
    expect(first).toHaveTextContent('坐席甲');
    expect(first).not.toHaveTextContent('1001');
    // The live board and the replay stay one key away.
    expect(screen.getByRole('button', { name: '坐席监控（F10）' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '录音回放（F9）' })).toBeInTheDocument();
    await user.keyboard('{F3}');
    expect(await screen.findByRole('listbox', { name: '待回访队列' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^班组工作台/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: '班组工作台（F3）' }));
    expect(await screen.findByRole('heading', { name: /^班组工作台/ })).toBeInTheDocument();
  });

  it('an admin lands on the team view too', async () => {
    await signInAs('9001', 'admin');
    expect(await screen.findByRole('heading', { name: /^班组工作台/ })).toBeInTheDocument();
  });

  it('an agent lands on the queue as before: no team view, F3 does nothing, nothing of the team is read', async () => {
    const read = vi.fn(() => ({ kind: 'ok', cases: [] }));
    fakeHandlers.set('center:teamCases', read);
    const agent = await signInAs('1001', 'agent');
    await screen.findByRole('listbox', { name: '待回访队列' });
    await agent.keyboard('{F3}');
    expect(screen.queryByRole('heading', { name: /^班组工作台/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '班组工作台（F3）' })).toBeNull();
    expect(read).not.toHaveBeenCalled();
  });

  it('filters by agent, by state and by deadline (overdue: the visit window has ended, docs/domain.md §3)', async () => {
    const user = await signInAs('2001', 'team_lead');
    expect(await policiesShown()).toEqual(['P0000001', 'P0000002', 'P0000003', 'P0000004']);
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '坐席甲');
    expect(await policiesShown()).toEqual(['P0000001', 'P0000003']);
    await user.selectOptions(screen.getByRole('combobox', { name: '状态' }), '回访中');
    expect(await policiesShown()).toEqual(['P0000003']);
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '全部');
    await user.selectOptions(screen.getByRole('combobox', { name: '截止' }), '已逾期');
    expect(await policiesShown()).toEqual(['P0000002']);
    await user.selectOptions(screen.getByRole('combobox', { name: '状态' }), '全部');
    await user.selectOptions(screen.getByRole('combobox', { name: '截止' }), '1 个工作日内到期');
    expect(await policiesShown()).toEqual(['P0000003']);
    await user.selectOptions(screen.getByRole('combobox', { name: '截止' }), '全部');
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '未分配');
    expect(await policiesShown()).toEqual(['P0000004']);
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '全部');
    // "/" jumps to the search from the list (in a field it is typed as text, as on the queue).
    (await caseList()).focus();
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: '搜索保单号' })).toHaveFocus();
    await user.keyboard('0002');
    expect(await policiesShown()).toEqual(['P0000002']);
  });

  it('reassigns from the keyboard: Enter on a case, pick the colleague by name, the row moves to them', async () => {
    const user = await signInAs('2001', 'team_lead');
    const list = await caseList();
    list.focus();
    await user.keyboard('{ArrowDown}{Enter}');
    const form = await screen.findByRole('form', { name: '改派回访件 P0000002' });
    const to = within(form).getByRole('combobox', { name: '改派给' });
    expect(
      within(to)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['坐席甲']);
    await user.click(within(form).getByRole('button', { name: '确认改派' }));
    expect(reassigned).toHaveBeenCalledWith({ policyNo: 'P0000002', toStaffNo: '1001' });
    expect(await screen.findByText('已将 P0000002 改派给 坐席甲')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /^改派回访件/ })).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '坐席乙');
    expect(await policiesShown()).toEqual([]);
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '坐席甲');
    expect(await policiesShown()).toEqual(['P0000001', 'P0000002', 'P0000003']);
  });

  it('an unassigned case given to an agent shows as assigned to them (the centre assigns it)', async () => {
    const user = await signInAs('2001', 'team_lead');
    await caseList();
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '未分配');
    const [row] = within(await caseList()).getAllByRole('option');
    expect(row).toHaveTextContent('待分配');
    await user.dblClick(row);
    const form = await screen.findByRole('form', { name: '改派回访件 P0000004' });
    await user.selectOptions(within(form).getByRole('combobox', { name: '改派给' }), '坐席乙');
    await user.click(within(form).getByRole('button', { name: '确认改派' }));
    expect(reassigned).toHaveBeenCalledWith({ policyNo: 'P0000004', toStaffNo: '1002' });
    await screen.findByText('已将 P0000004 改派给 坐席乙');
    expect(await policiesShown()).toEqual([]);
    await user.selectOptions(screen.getByRole('combobox', { name: '坐席' }), '坐席乙');
    const moved = within(await caseList()).getByRole('option', { name: /P0000004/ });
    expect(moved).toHaveTextContent('已分配');
  });

  it('a refused reassignment says why and leaves the row where it was', async () => {
    fakeHandlers.set('center:reassign', () => ({ kind: 'refused', code: 'invalid_request', message: '目标工号不是在职坐席' }));
    const user = await signInAs('2001', 'team_lead');
    await user.dblClick(within(await caseList()).getAllByRole('option')[0]);
    await user.click(screen.getByRole('button', { name: '确认改派' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('改派失败：目标工号不是在职坐席');
    expect(within(await caseList()).getAllByRole('option')[0]).toHaveTextContent('坐席甲');
  });

  it('a phone correction reviewed leaves the to-review list; the note goes with the review', async () => {
    const user = await signInAs('2001', 'team_lead');
    const table = await screen.findByRole('table', { name: '待复核的号码更正' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('坐席乙');
    await user.type(screen.getByRole('textbox', { name: '复核说明（P0000001，可不填）' }), '已与客户核对');
    await user.click(within(within(table).getAllByRole('row')[1]).getByRole('button', { name: '通过' }));
    expect(reviewed).toHaveBeenCalledWith({ id: 'c1', decision: 'accepted', note: '已与客户核对' });
    expect(await screen.findByText('已通过 P0000001 的号码更正')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    await user.click(within(table).getByRole('button', { name: '驳回' }));
    expect(reviewed).toHaveBeenLastCalledWith({ id: 'c2', decision: 'rejected' });
    expect(await screen.findByText('没有待复核的号码更正')).toBeInTheDocument();
  });

  it('lists the team’s callbacks with the agent’s name, overdue ones marked', async () => {
    installTeamHost([
      {
        id: 'b1',
        policyNo: 'P0000002',
        dueAt: new Date(Date.now() - 3_600_000).toISOString(),
        agent: '1002',
        agentName: '坐席乙',
        holder: '李*',
        overdue: true,
      },
      { id: 'b2', policyNo: 'P0000001', dueAt: new Date(Date.now() + DAY).toISOString(), agent: '1001', agentName: '坐席甲', holder: '张*', overdue: false },
    ]);
    await signInAs('2001', 'team_lead');
    const table = await screen.findByRole('table', { name: '班组预约回呼' });
    const [, late, later] = within(table).getAllByRole('row');
    expect(late).toHaveTextContent('坐席乙');
    expect(late).toHaveTextContent('P0000002');
    expect(late).toHaveTextContent('已超时');
    expect(later).toHaveTextContent('坐席甲');
    expect(later).not.toHaveTextContent('已超时');
  });
});
