import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { QueueScreen } from '../../../../renderer/features/queue/queue-screen';
import { useQueueStore } from '../../../../renderer/features/queue/queue-store';
import { countdown } from '../../../../renderer/features/queue/deadline-countdown';
import { refreshQueueRow } from '../../../../renderer/data/case-repo';
import { newId } from '../../../../renderer/data/new-id';
import { addCallbacks, assigned, freshDb, policy, seedCases } from '../../data/test-db';

const local = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

describe('queue order (docs/domain.md §7)', () => {
  it('lists verification and returned cases first, then due callbacks, then the nearest cooling-off deadline', async () => {
    const db = freshDb();
    const now = new Date();
    await seedCases(db, [
      assigned(policy({ policyNo: 'NEW-LATE' }), { deadline: '2099-12-30' }),
      assigned(policy({ policyNo: 'NEW-SOON' }), { deadline: '2099-01-05' }),
      assigned(policy({ policyNo: 'CALLBACK' }), { deadline: '2099-12-31' }),
      assigned(policy({ policyNo: 'RETURNED' }), { kind: 'returned', deadline: '2099-06-01' }),
      assigned(policy({ policyNo: 'VERIFY' }), { kind: 'verification', deadline: '2099-03-01' }),
      assigned(policy({ policyNo: 'CALLBACK-LATER' }), { deadline: '2099-02-01' }),
    ]);
    // A callback that is due, and one that is not due yet.
    await addCallbacks(db, [
      {
        id: newId(),
        policyNo: 'CALLBACK',
        dueAt: new Date(now.getTime() - 60_000).toISOString(),
        owner: '1001',
        bookedBy: '1001',
        bookedAt: now.toISOString(),
        note: '',
        overrideReason: null,
        state: 'pending',
      },
      {
        id: newId(),
        policyNo: 'CALLBACK-LATER',
        dueAt: new Date(now.getTime() + 3_600_000).toISOString(),
        owner: '1001',
        bookedBy: '1001',
        bookedAt: now.toISOString(),
        note: '',
        overrideReason: null,
        state: 'pending',
      },
    ]);
    await refreshQueueRow(db, 'CALLBACK', now);
    await refreshQueueRow(db, 'CALLBACK-LATER', now);
    useQueueStore.getState().reset();
    await useQueueStore.getState().load(db);
    render(<QueueScreen onOpen={() => undefined} />);
    const rows = within(screen.getByRole('listbox', { name: '待回访队列' })).getAllByRole('option');
    expect(rows.map((r) => r.getAttribute('data-policy'))).toEqual(['VERIFY', 'RETURNED', 'CALLBACK', 'NEW-SOON', 'CALLBACK-LATER', 'NEW-LATE']);
    expect(within(rows[2]).getByText('回呼到期')).toBeInTheDocument();
  });

  it("searches by any part of a policy number or of the policyholder's name, shows names masked, and moves with the keyboard", async () => {
    const db = freshDb();
    await seedCases(db, [
      assigned(policy({ policyNo: 'P2026000101', policyholder: { name: '赵测试' } }), { deadline: '2099-01-01' }),
      assigned(policy({ policyNo: 'P2026000202', policyholder: { name: '钱测试' } }), { deadline: '2099-01-02' }),
      assigned(policy({ policyNo: 'Q2026000303', policyholder: { name: '孙测试' } }), { deadline: '2099-01-03' }),
    ]);
    useQueueStore.getState().reset();
    await useQueueStore.getState().load(db);
    const opened: string[] = [];
    const user = userEvent.setup();
    render(<QueueScreen onOpen={(p) => opened.push(p)} />);
    const search = screen.getByRole('searchbox', { name: '搜索保单号或姓名' });
    expect(search).toHaveAttribute('placeholder', expect.stringContaining('保单号任意部分，或姓氏、姓名中连续两字'));
    const shown = () =>
      within(screen.getByRole('listbox'))
        .queryAllByRole('option')
        .map((r) => r.getAttribute('data-policy'));
    await user.type(search, 'p2026');
    expect(shown()).toEqual(['P2026000101', 'P2026000202']);
    // The tail of a policy number ("尾号 0303").
    await user.clear(search);
    await user.type(search, '0303');
    expect(shown()).toEqual(['Q2026000303']);
    // A surname alone: found through the keyed name tokens (the cache holds no full names).
    await user.clear(search);
    await user.type(search, '孙');
    await waitFor(() => expect(useQueueStore.getState().nameSearch).not.toBeNull());
    expect(shown()).toEqual(['Q2026000303']);
    // A part all three names share, with a space typed in it.
    await user.clear(search);
    await user.type(search, '测 试');
    await waitFor(() => expect(shown()).toEqual(['P2026000101', 'P2026000202', 'Q2026000303']));
    // The full name, shown masked.
    await user.clear(search);
    await user.type(search, '孙测试');
    await waitFor(() => expect(shown()).toEqual(['Q2026000303']));
    const only = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(within(only[0]).getByText('孙*试')).toBeInTheDocument();
    expect(screen.queryByText('孙测试')).not.toBeInTheDocument();
    // A name no one has.
    await user.clear(search);
    await user.type(search, '李');
    await waitFor(() => expect(useQueueStore.getState().nameSearch).not.toBeNull());
    expect(shown()).toEqual([]);
    await user.keyboard('{Escape}');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(3);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(opened).toEqual(['P2026000202']);
  });

  it('renders only a window of a 50 000-case queue', async () => {
    useQueueStore.setState({
      rows: Array.from({ length: 50_000 }, (_, i) => ({
        policyNo: `B${String(i).padStart(9, '0')}`,
        rank: `2|2099-01-01|${i}`,
        tier: 2 as const,
        kind: 'new' as const,
        status: 'assigned' as const,
        deadline: '2099-01-01',
        holderName: '测*',
        nameKey: '',
        nameTokens: '',
        productName: '测试终身寿险',
        badges: [],
        redFlags: [],
        callbackAt: null,
        attempts: 0,
        localState: 'open' as const,
      })),
      loaded: 'all',
      selected: 0,
    });
    render(<QueueScreen onOpen={() => undefined} />);
    const rendered = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(rendered.length).toBeLessThan(60);
    expect(screen.getByText('共 50000 件')).toBeInTheDocument();
  });
});

describe('deadline countdown', () => {
  it('is red within one working day: on a Friday a Monday deadline is urgent, a Tuesday one is not', () => {
    const friday = local(2026, 11, 20, 9); // 2026-11-20 is a Friday
    expect(countdown('2026-11-23', friday)?.urgent).toBe(true);
    expect(countdown('2026-11-24', friday)?.urgent).toBe(false);
  });

  it('does not count holidays: on the day before National Day a deadline on the first working day after it is urgent', () => {
    const lastDayBefore = local(2026, 9, 30, 9); // 2026-10-01..07 are rest days
    expect(countdown('2026-10-08', lastDayBefore)?.urgent).toBe(true);
    expect(countdown('2026-10-09', lastDayBefore)?.urgent).toBe(false);
  });

  it('says overdue once the deadline has passed', () => {
    expect(countdown('2026-11-19', local(2026, 11, 20))).toMatchObject({ overdue: true, text: '已超期' });
  });
});
