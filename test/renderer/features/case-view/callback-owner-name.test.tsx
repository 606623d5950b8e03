import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CaseView } from '../../../../renderer/features/case-view/case-view';
import { readCase } from '../../../../renderer/data/case-repo';
import { storePulledCallbacks } from '../../../../renderer/data/pulled-callbacks';
import type { CachedCase } from '../../../../renderer/data/records';
import { writeSetting } from '../../../../renderer/data/settings-repo';
import { assigned, freshDb, policy, seedCases } from '../../data/test-db';

describe('booked callbacks name the colleague who takes them, not a staff number', () => {
  it('a colleague in the cached team roster by name; the agent as 我; an unknown staff number as it is', async () => {
    const db = freshDb();
    await seedCases(db, [assigned(policy({ policyNo: 'P2026000401' }))]);
    await writeSetting(db, 'teamRoster', {
      team: 'A',
      members: [{ staffNo: '1002', name: '李坐席', role: 'agent', languages: ['mandarin'] }],
      fetchedAt: '2026-12-01T00:00:00Z',
      forStaffNo: '1001',
    });
    const cb = (id: string, assignee: string, dueAt: string) => ({
      id,
      policyNo: 'P2026000401',
      dueAt,
      assignee,
      bookedBy: '1001',
      bookedAt: '2026-12-01T01:00:00Z',
      note: '',
      overrideReason: null,
    });
    await storePulledCallbacks(db, [
      cb('c1', '1002', '2099-01-01T02:00:00Z'),
      cb('c2', '1001', '2099-01-02T02:00:00Z'),
      cb('c3', '1777', '2099-01-03T02:00:00Z'),
    ]);
    const record = (await readCase(db, 'P2026000401')) as CachedCase;
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
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((li) => li.textContent?.split(' · ')[1])).toEqual(expect.arrayContaining(['李坐席', '我', '1777'])),
    );
  });
});
