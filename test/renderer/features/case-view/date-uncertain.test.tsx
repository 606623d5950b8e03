import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CaseView } from '../../../../renderer/features/case-view/case-view';
import { refreshDeskConfigDetailed } from '../../../../renderer/data/desk-config';
import { readCase } from '../../../../renderer/data/case-repo';
import type { CachedCase } from '../../../../renderer/data/records';
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
  it('the case view shows the deadline with the marker, and without it once 2027 is loaded', async () => {
    const db = freshDb();
    await seedCases(db, [assigned(policy({ policyNo: 'P2027000002' }), { deadline: '2027-01-04' })]);
    const record = (await readCase(db, 'P2027000002')) as CachedCase;
    render(
      <CaseView
        db={db}
        record={record}
        policy={null}
        revealed={false}
        me="1001"
        interactive={false}
        dialling={false}
        onDial={() => undefined}
        onBack={() => undefined}
      />,
    );
    const deadline = await screen.findByText(/回访截止日/);
    await waitFor(() => expect(deadline).toHaveTextContent(`回访截止日：2027-01-04${MARKER}`));

    fakeHandlers.set('center:deskConfig', () => ({ kind: 'ok', config: with2027 }));
    await refreshDeskConfigDetailed(db);
    await waitFor(() => expect(screen.getByText(/回访截止日/)).toHaveTextContent(/^回访截止日：2027-01-04$/));
  });
});
