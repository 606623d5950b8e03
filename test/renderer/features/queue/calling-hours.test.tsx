import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../../renderer/data/records';
import { QueueRowView } from '../../../../renderer/features/queue/queue-row-view';
import { DEFAULT_CALLING_HOURS, type CallingHours } from '../../../../shared/domain/calling-hours';
import { createWorkingCalendar } from '../../../../shared/domain/calendar/working-calendar';

// The queue shows when each case may be called, and only when it may not be called now (calling
// hours 09:00–21:00 by default, 保监发〔2013〕40号; README → Configuration). The hours here are set
// in this machine's own zone, so the policyholder's clock and the desk's clock agree whatever zone
// the test runs in.

const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
const hours: CallingHours = {
  ...DEFAULT_CALLING_HOURS,
  timeZone: here,
  regions: [{ id: 'xj', name: '新疆', branchPrefixes: ['8665'], phonePrefixes: [], start: '10:00', end: '22:00' }],
};

const row = (patch: Partial<QueueRow>): QueueRow => ({
  policyNo: 'P2026000401',
  rank: '2',
  tier: 2,
  kind: 'new',
  status: 'assigned',
  deadline: '2099-01-01',
  holderName: '钱*',
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

const show = (r: QueueRow, at: Date) =>
  render(
    <QueueRowView row={r} selected={false} now={at.getTime()} calendar={createWorkingCalendar()} callingHours={hours} onOpen={() => undefined} height={40} />,
  );

describe('each queue row says from when its case may be called', () => {
  it('after 21:00 a row reads 可拨打 明天 09:00, with the reason in its title', () => {
    show(row({}), new Date(2026, 11, 2, 21, 30));
    const badge = screen.getByText('可拨打 明天 09:00');
    expect(badge.getAttribute('title')).toMatch(/客户当地时间.* 21:30，不在可拨打时段 09:00–21:00 内/);
  });

  it('before 09:00 it reads 今天 09:00; inside the hours the row stays quiet', () => {
    const { unmount } = show(row({}), new Date(2026, 11, 2, 8, 59));
    expect(screen.getByText('可拨打 今天 09:00')).toBeInTheDocument();
    unmount();
    show(row({}), new Date(2026, 11, 2, 9, 0));
    expect(screen.queryByText(/^可拨打/)).toBeNull();
  });

  it('a case of a region with its own hours (branch 8665…, 10:00–22:00) follows them', () => {
    show(row({ branchCode: '866501' }), new Date(2026, 11, 2, 21, 30));
    expect(screen.queryByText(/^可拨打/)).toBeNull();
    show(row({ policyNo: 'P2026000402', branchCode: '866501' }), new Date(2026, 11, 2, 9, 30));
    expect(screen.getByText('可拨打 今天 10:00')).toBeInTheDocument();
  });

  it('a row whose booked callback falls now stays quiet: the policyholder asked for this time', () => {
    const at = new Date(2026, 11, 2, 21, 30);
    show(row({ callbackAt: new Date(2026, 11, 2, 21, 40).toISOString() }), at);
    expect(screen.queryByText(/^可拨打/)).toBeNull();
  });
});
