import 'fake-indexeddb/auto';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readAttempts } from '../../../../renderer/data/case-history';
import { visitNow } from '../../../../renderer/features/visit/visit-store';
import { addDays } from '../../../../shared/domain/calendar/iso-date';
import { DEFAULT_CALLING_HOURS, type CallingHours } from '../../../../shared/domain/calling-hours';
import { wallTimeAt } from '../../../../shared/domain/zoned-time';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { addCallbacks, assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

// Calling hours at the desk: outside the window (default 09:00–21:00 in the policyholder's local
// time, after 保监发〔2013〕40号; README → Configuration) D is refused with the reason and when the case
// becomes dialable, through the same refusal as a phone that cannot dial: no call session, no
// attempt (docs/domain.md §6: only a real attempt counts). A time the policyholder booked as a
// callback may be called, and the attempt says so (约定时间外呼).
//
// The tests run at any hour, so "outside the window" is today and tomorrow made quiet dates in
// Beijing time: whatever the clock says, now is outside.

const beijingToday = () => wallTimeAt(new Date(), 'Asia/Shanghai').date;
const quietNow = (): CallingHours => ({ ...DEFAULT_CALLING_HOURS, quietDates: [beijingToday(), addDays(beijingToday(), 1)] });

function countSessionOpens(): () => number {
  const open = fakeHandlers.get('session:open')!;
  let n = 0;
  fakeHandlers.set('session:open', (req) => {
    n++;
    return open(req);
  });
  return () => n;
}

async function openFirstCase(flow: Awaited<ReturnType<typeof startWorkflow>>, policyNo: string) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('region', { name: `回访件 ${policyNo}` });
}

describe('a dial outside the calling hours is refused with the reason and when the case becomes dialable', () => {
  it('D on a quiet day: says why and from when, dials nothing, opens no call session, records no attempt', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000001' }))], { callingHours: quietNow() });
    const opens = countSessionOpens();
    await openFirstCase(flow, 'P7200000001');
    await flow.user.keyboard('d');
    const alert = await screen.findByText(/^不在可拨打时段，未拨出：/);
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert.textContent).toMatch(
      new RegExp(`^不在可拨打时段，未拨出：客户当地今天（${beijingToday()}）设为不拨打日。最早可拨打：\\d\\d-\\d\\d \\d\\d:\\d\\d。本次不计为拨打$`),
    );
    expect(flow.phone.dialled).toEqual([]);
    expect(opens()).toBe(0);
    expect(visitNow()).toMatchObject({ phase: 'case', call: null });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await flow.db.attempts.count()).toBe(0);
    expect((await readOutbox(flow.db)).filter((e) => e.item.kind === 'attempt')).toHaveLength(0);
  });

  it('the same case inside its hours dials as usual (the refusal is the window, not the case)', async () => {
    const allDay = { ...DEFAULT_CALLING_HOURS, start: '00:00', end: '24:00' };
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000002' }))], { callingHours: allDay });
    await openFirstCase(flow, 'P7200000002');
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    expect(flow.phone.dialled).toHaveLength(1);
  });
});

describe('a time the policyholder booked as a callback may be called outside the hours, and the attempt says so', () => {
  it('a callback booked 10 minutes from now: D dials; the unreached attempt’s note and its outbox item carry 约定时间外呼', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000003' }))], { callingHours: quietNow() });
    const dueAt = new Date(Date.now() + 10 * 60_000).toISOString();
    await addCallbacks(flow.db, [
      {
        id: 'cb-1',
        policyNo: 'P7200000003',
        dueAt,
        owner: '1001',
        bookedBy: '1001',
        bookedAt: new Date().toISOString(),
        note: '',
        overrideReason: null,
        state: 'pending',
      },
    ]);
    await openFirstCase(flow, 'P7200000003');
    flow.phone.ringNext = true;
    await flow.user.keyboard('d');
    await screen.findByRole('button', { name: '取消呼叫（Esc）' });
    expect(flow.phone.dialled).toHaveLength(1);
    act(() => flow.phone.settle({ kind: 'failed', attempt: 'no_answer', reason: '振铃超时，无人接听' }));
    within(await screen.findByRole('alertdialog', { name: /振铃超时/ }));
    await flow.user.keyboard('{Enter}');
    await waitFor(async () => expect(await flow.db.attempts.count()).toBe(1));
    const [attempt] = await readAttempts(flow.db, 'P7200000003');
    expect(attempt.note).toMatch(/^约定时间外呼：客户预约 \d{4}-\d\d-\d\d \d\d:\d\d，在可拨打时段 09:00–21:00 之外 \| 振铃超时，无人接听$/);
    const pushed = (await readOutbox(flow.db)).find((e) => e.item.kind === 'attempt');
    expect(JSON.stringify(pushed?.item)).toContain('约定时间外呼');
  });

  it('a callback booked for more than 30 minutes away does not open the window', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000004' }))], { callingHours: quietNow() });
    const dueAt = new Date(Date.now() + 45 * 60_000).toISOString();
    await addCallbacks(flow.db, [
      {
        id: 'cb-2',
        policyNo: 'P7200000004',
        dueAt,
        owner: '1001',
        bookedBy: '1001',
        bookedAt: new Date().toISOString(),
        note: '',
        overrideReason: null,
        state: 'pending',
      },
    ]);
    await openFirstCase(flow, 'P7200000004');
    await flow.user.keyboard('d');
    expect(await screen.findByText(/^不在可拨打时段，未拨出：/)).toHaveAttribute('role', 'alert');
    expect(flow.phone.dialled).toEqual([]);
  });
});
