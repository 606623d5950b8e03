import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RosterResponse } from '../../../../shared/sync';
import { readSetting } from '../../../../renderer/data/settings-repo';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { allCallbacks, assigned, policy, readOutbox } from '../../data/test-db';
import { busyCallToOutcome, startWorkflow } from '../../data/workflow-harness';

const roster: RosterResponse = {
  team: 'A',
  members: [
    { staffNo: '1001', name: '演示坐席', role: 'agent', languages: ['mandarin'] },
    { staffNo: '1002', name: '王粤', role: 'agent', languages: ['mandarin', 'cantonese'] },
    { staffNo: '2001', name: '李组长', role: 'team_lead', languages: ['mandarin'] },
  ],
};

describe('callbacks for a named colleague', () => {
  it('lists the team roster (without me), warns about a missing dialect, and books the callback for the colleague', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P6000000001' }), { language: 'cantonese' })]);
    fakeHandlers.set('center:roster', () => ({ kind: 'ok', roster }));
    const outcome = await busyCallToOutcome(flow);
    await flow.user.click(await outcome.findByRole('radio', { name: '指定同事' }));
    const pick = outcome.getByRole('combobox', { name: '同事' });
    const names = within(pick)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names.some((n) => n?.includes('演示坐席'))).toBe(false);
    expect(names.some((n) => n?.includes('王粤（1002）') && n.includes('粤语'))).toBe(true);
    // No colleague picked yet: the booking is not valid.
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    expect(
      outcome
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .join(' '),
    ).toContain('请选择要预约给哪位同事');
    await flow.user.selectOptions(pick, '2001');
    expect(outcome.getByText(/李组长 的语言技能中没有粤语/)).toBeInTheDocument();
    await flow.user.selectOptions(pick, '1002');
    expect(outcome.queryByText(/语言技能中没有/)).toBeNull();
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    const item = (await readOutbox(flow.db)).map((e) => e.item).find((i) => i.kind === 'callback');
    expect(item).toMatchObject({ kind: 'callback', policyNo: 'P6000000001', data: { assignee: '1002', bookedBy: '1001' } });
    expect((await allCallbacks(flow.db))[0]).toMatchObject({ owner: '1002', state: 'pending' });
    // The roster is kept for offline use.
    expect(await readSetting(flow.db, 'teamRoster')).toMatchObject({ team: 'A', forStaffNo: '1001' });
  });

  it('offline: the cached roster is offered and labelled as cached; without one, only me and anyone', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P6000000002' })), assigned(policy({ policyNo: 'P6000000003' }))]);
    fakeHandlers.set('center:roster', () => ({ kind: 'offline', message: '无法连接案件中心' }));
    let outcome = await busyCallToOutcome(flow);
    expect(await outcome.findByText(/暂时取不到本组同事名单/)).toBeInTheDocument();
    expect(outcome.getByRole('radio', { name: '指定同事' })).toBeDisabled();
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });

    // A roster fetched earlier by this agent is shown when the centre is unreachable.
    await flow.db.settings.put({ key: 'teamRoster', value: { ...roster, fetchedAt: '2026-11-25T01:00:00.000Z', forStaffNo: '1001' } });
    await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(0));
    outcome = await busyCallToOutcome(flow);
    expect(await outcome.findByText(/同事名单为 .* 的缓存/)).toBeInTheDocument();
    await flow.user.click(outcome.getByRole('radio', { name: '指定同事' }));
    expect(within(outcome.getByRole('combobox', { name: '同事' })).getAllByRole('option')).toHaveLength(3); // placeholder + 2 colleagues
  });
});
