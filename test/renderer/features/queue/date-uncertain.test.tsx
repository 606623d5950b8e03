import 'fake-indexeddb/auto';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueueScreen } from '../../../../renderer/features/queue/queue-screen';
import { useQueueStore } from '../../../../renderer/features/queue/queue-store';
import { refreshDeskConfigDetailed } from '../../../../renderer/data/desk-config';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { assigned, freshDb, policy, seedCases } from '../../data/test-db';

/** The desk settings once the centre has loaded 2027 (illustrative dates, as the example file). */
const with2027 = {
  companyName: '示例人寿保险股份有限公司',
  maxAttempts: 3,
  calendarYears: {
    '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], workdays: ['2027-02-20'] },
  },
};
const MARKER = '（节假日安排未公布，日期待定）';

describe('a date resting on a year whose holiday schedule is not loaded is shown as pending (docs/domain.md §3)', () => {
  it("a queue row with a 2027 deadline carries the marker until the centre's desk settings bring 2027; a 2026 row never does", async () => {
    const db = freshDb();
    // the centre flags the 2027 case too; the desk shows it on the date, not as a red flag
    await seedCases(db, [
      assigned(policy({ policyNo: 'P2027000001' }), { deadline: '2027-01-04', flags: ['calendar_uncertain'] }),
      assigned(policy({ policyNo: 'P2026000001' }), { deadline: '2026-12-30' }),
    ]);
    useQueueStore.getState().reset();
    await useQueueStore.getState().load(db);
    render(<QueueScreen onOpen={() => undefined} />);
    const row = (p: string) =>
      within(screen.getByRole('listbox', { name: '待回访队列' }))
        .getAllByRole('option')
        .find((r) => r.getAttribute('data-policy') === p) as HTMLElement;
    expect(within(row('P2027000001')).getByText('日期待定')).toHaveAttribute('title', MARKER);
    expect(within(row('P2026000001')).queryByText('日期待定')).toBeNull();
    expect(within(row('P2027000001')).queryByText('警示')).toBeNull();

    fakeHandlers.set('center:deskConfig', () => ({ kind: 'ok', config: with2027 }));
    expect(await refreshDeskConfigDetailed(db)).toEqual({ answered: true, calendarChanged: true });
    await act(() => useQueueStore.getState().load(db));
    expect(within(row('P2027000001')).queryByText('日期待定')).toBeNull();
    // a second refresh with the same years changes nothing
    expect(await refreshDeskConfigDetailed(db)).toEqual({ answered: true, calendarChanged: false });
  });
});
