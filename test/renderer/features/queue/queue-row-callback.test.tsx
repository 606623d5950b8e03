import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../../renderer/data/records';
import { QueueRowView } from '../../../../renderer/features/queue/queue-row-view';
import { createWorkingCalendar } from '../../../../shared/domain/calendar/working-calendar';

const row = (patch: Partial<QueueRow>): QueueRow => ({
  policyNo: 'P2026000301',
  rank: '2',
  tier: 2,
  kind: 'new',
  status: 'assigned',
  deadline: '2099-01-01',
  holderName: '赵*',
  nameKey: 'k',
  nameTokens: '',
  productName: '测试终身寿险',
  badges: [],
  redFlags: [],
  callbackAt: null,
  attempts: 0,
  localState: 'open',
  ...patch,
});

describe('a booked callback shows on its queue row, so the agent plans the day from the queue', () => {
  it('a callback booked for later shows its time; once due, the due badge replaces it', () => {
    const at = new Date(2026, 11, 5, 18, 30).toISOString();
    const { rerender } = render(
      <QueueRowView row={row({ callbackAt: at })} selected={false} now={Date.now()} calendar={createWorkingCalendar()} onOpen={() => undefined} height={40} />,
    );
    expect(screen.getByText('预约回呼 12-05 18:30')).toBeInTheDocument();
    rerender(
      <QueueRowView
        row={row({ callbackAt: at, badges: ['callback_due'] })}
        selected={false}
        now={Date.now()}
        calendar={createWorkingCalendar()}
        onOpen={() => undefined}
        height={40}
      />,
    );
    expect(screen.queryByText(/预约回呼 12-05/)).toBeNull();
    expect(screen.getByText('回呼到期')).toBeInTheDocument();
  });
});
