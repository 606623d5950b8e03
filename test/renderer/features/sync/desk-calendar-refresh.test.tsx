import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startSync } from '../../../../renderer/features/sync/sync-controller';
import { readSetting } from '../../../../renderer/data/settings-repo';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { assigned, freshDb, policy } from '../../data/test-db';

const year = (y: number) => ({ holidays: [`${y}-01-01`], workdays: [] });

describe('desk settings follow the centre\'s holiday years (README "Holiday schedules")', () => {
  it('a pull that brings changes re-reads the desk settings, so a year loaded at the centre reaches the desk with the deadlines it moved', async () => {
    const db = freshDb();
    let years: Record<string, { holidays: string[]; workdays: string[] }> = {};
    let configReads = 0;
    fakeHandlers.set('center:getStatus', () => ({ phase: 'online', embedded: false, lastError: null }));
    fakeHandlers.set('center:pull', () => ({
      kind: 'ok',
      response: {
        cursor: `c1-${configReads}`,
        hasMore: false,
        snapshot: false,
        upserts: [assigned(policy({ policyNo: 'P2027000009' }), { deadline: '2027-01-04' })],
        drops: [],
      },
    }));
    fakeHandlers.set('center:deskConfig', () => {
      configReads++;
      return { kind: 'ok', config: { companyName: '示例人寿保险股份有限公司', maxAttempts: 3, calendarYears: years } };
    });
    let pulled = 0;
    const sync = startSync(
      db,
      () => '1001',
      () => pulled++,
    );
    try {
      await sync.run();
      await waitFor(() => expect(configReads).toBeGreaterThan(0));
      expect(await readSetting(db, 'calendarYears')).toEqual({});
      // the centre loads 2027: the next pull carries the moved case, and the desk reads the years again
      years = { '2027': year(2027) };
      await sync.run();
      await waitFor(async () => expect(await readSetting(db, 'calendarYears')).toEqual({ '2027': year(2027) }));
      expect(pulled).toBeGreaterThan(0);
    } finally {
      sync.stop();
    }
  });
});
