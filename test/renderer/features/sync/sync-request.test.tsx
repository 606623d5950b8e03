import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startSync } from '../../../../renderer/features/sync/sync-controller';
import { useSyncStore } from '../../../../renderer/features/sync/sync-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { freshDb } from '../../data/test-db';

// STYLE.md "Code": errors are values a person can read, never lost. A sync the desk asks
// for without waiting (a saved visit, a missed call) used to leave its rejection unhandled.
describe('a sync asked for without waiting', () => {
  it("shows its failure as the link's last error instead of leaving an unhandled rejection", async () => {
    const db = freshDb();
    fakeHandlers.set('center:getStatus', () => ({ phase: 'online', embedded: false, lastError: null }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1', hasMore: false, snapshot: false, upserts: [], drops: [] } }));
    fakeHandlers.set('center:deskConfig', () => ({ kind: 'ok', config: { companyName: '示例人寿保险股份有限公司', maxAttempts: 3, calendarYears: {} } }));
    const sync = startSync(db, () => '1001');
    try {
      await sync.run();
      expect(useSyncStore.getState().lastError).toBeNull();
      // The cache goes away under the desk (a sign-out racing the request): reading the outbox throws.
      db.close();
      sync.request();
      await waitFor(() => expect(useSyncStore.getState().lastError).toMatch(/closed/i));
    } finally {
      sync.stop();
    }
  });
});
