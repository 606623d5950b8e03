import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { QueueScreen } from '../../../../renderer/features/queue/queue-screen';
import { useQueueStore } from '../../../../renderer/features/queue/queue-store';
import { assigned, freshDb, policy, seedCases } from '../../data/test-db';

describe('queue empty states', () => {
  it('says nothing matches (not that the queue is empty) when a search finds no case', async () => {
    const db = freshDb();
    await seedCases(db, [assigned(policy({ policyNo: 'P2026000101', policyholder: { name: '赵测试' } }), { deadline: '2099-01-01' })]);
    useQueueStore.getState().reset();
    await useQueueStore.getState().load(db);
    const user = userEvent.setup();
    render(<QueueScreen onOpen={() => undefined} />);
    expect(screen.queryByText('队列为空')).not.toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: '搜索保单号或姓名' }), 'X999');
    expect(screen.getByText('没有符合条件的回访件（单字只匹配姓氏或末字；其余请输入姓名中连续两字以上）')).toBeInTheDocument();
    expect(screen.queryByText('队列为空')).not.toBeInTheDocument();
  });

  it('says the queue is empty when no case is assigned', async () => {
    const db = freshDb();
    useQueueStore.getState().reset();
    await useQueueStore.getState().load(db);
    render(<QueueScreen onOpen={() => undefined} />);
    expect(await screen.findByText('队列为空')).toBeInTheDocument();
  });
});
