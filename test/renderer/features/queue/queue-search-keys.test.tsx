import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { QueueScreen } from '../../../../renderer/features/queue/queue-screen';
import { useQueueStore } from '../../../../renderer/features/queue/queue-store';
import { assigned, freshDb, policy, seedCases } from '../../data/test-db';

async function queueWithSearch() {
  const db = freshDb();
  await seedCases(db, [
    assigned(policy({ policyNo: 'P2026000201', policyholder: { name: '赵测试' } }), { deadline: '2099-01-01' }),
    assigned(policy({ policyNo: 'P2026000202', policyholder: { name: '钱测试' } }), { deadline: '2099-01-01' }),
  ]);
  useQueueStore.getState().reset();
  await useQueueStore.getState().load(db);
  const user = userEvent.setup();
  render(<QueueScreen onOpen={() => undefined} />);
  const search = screen.getByRole('searchbox', { name: '搜索保单号或姓名' });
  await user.type(search, '0201');
  return { user, search };
}

describe('queue search keys: a keyboard-only agent never needs the mouse to leave or redo a search', () => {
  it('Esc clears the search from anywhere on the queue, not only from inside the box', async () => {
    const { user, search } = await queueWithSearch();
    await user.keyboard('{ArrowDown}'); // into the list
    expect(search).not.toHaveFocus();
    expect(screen.getByText(/1 \/ 2|共 2/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
  });

  it('"/" jumps to the search with its old text selected, so typing replaces it', async () => {
    const { user, search } = await queueWithSearch();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('/');
    expect(search).toHaveFocus();
    await user.keyboard('0202');
    expect(search).toHaveValue('0202');
  });
});
