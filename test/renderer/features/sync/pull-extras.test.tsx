import 'fake-indexeddb/auto';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../../renderer/features/sync/sync-engine';
import { correctPhone } from '../../../../renderer/data/correct-phone';
import type { PullResponse } from '../../../../shared/sync';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { allCorrections, assigned, freshDb, policy } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

describe('pull: phone corrections from other desks and the case language', () => {
  it('stores each delivered correction once; one made at this desk is not duplicated by its redelivery', async () => {
    const db = freshDb();
    const c = assigned(policy({ policyNo: 'P7000000001', policyholder: { phones: ['13800000001'] } }));
    const mine = await correctPhone(db, { policyNo: 'P7000000001', original: '13800000001', corrected: '13900000009', reason: '客户告知', by: '1001' });
    const fromColleague = {
      id: '3f2b8f7e-0000-4000-8000-000000000001',
      policyNo: 'P7000000001',
      original: '13900000009',
      corrected: null,
      reason: '空号',
      correctedBy: '1002',
      correctedAt: '2026-11-25T03:00:00.000Z',
    };
    const page: PullResponse = {
      cursor: 'c1-9',
      hasMore: false,
      snapshot: false,
      upserts: [c],
      drops: [],
      phoneCorrections: [
        {
          id: mine.id,
          policyNo: 'P7000000001',
          original: '13800000001',
          corrected: '13900000009',
          reason: '客户告知',
          correctedBy: '1001',
          correctedAt: mine.at,
        },
        fromColleague,
      ],
    };
    fakeHandlers.set('center:push', (req) => ({ kind: 'ok', acks: (req as { items: { id: string }[] }).items.map((i) => ({ id: i.id, status: 'accepted' })) }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: page }));
    const engine = new SyncEngine(db, () => '1001');
    await engine.run();
    await engine.run();
    expect(await db.phoneCorrections.count()).toBe(2);
    expect((await allCorrections(db)).find((c) => c.id === fromColleague.id)).toMatchObject({
      id: fromColleague.id,
      original: '13900000009',
      corrected: '',
      by: '1002',
      reason: '空号',
    });
    expect((await db.outbox.get(mine.id))?.state).toBe('delivered');
  });

  it('a Cantonese case shows the dialect badge with its name in the queue and the language in the case view', async () => {
    const flow = await startWorkflow([
      assigned(policy({ policyNo: 'P7000000002' }), { language: 'cantonese' }),
      assigned(policy({ policyNo: 'P7000000003' }), { language: 'mandarin' }),
    ]);
    const list = within(screen.getByRole('listbox', { name: '待回访队列' }));
    const rows = list.getAllByRole('option');
    const canto = rows.find((r) => r.textContent?.includes('P7000000002'));
    const mandarin = rows.find((r) => r.textContent?.includes('P7000000003'));
    expect(canto).toHaveTextContent('方言·粤语');
    expect(mandarin?.textContent).not.toContain('方言');
    const row = await flow.db.queue.get('P7000000002');
    expect(row).toMatchObject({ language: 'cantonese', badges: expect.arrayContaining(['dialect']) });
    await flow.user.click(canto!);
    expect(await screen.findByText('回访语言')).toBeInTheDocument();
    expect(screen.getByText('粤语')).toBeInTheDocument();
  });
});
