import 'fake-indexeddb/auto';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useVisitStore, visitNow } from '../../../../renderer/features/visit/visit-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { assigned, policy } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

// The dialling lifecycle of the desk: a ringing call is never orphaned (Esc cancels it instead of
// leaving), the agent is not 就绪 while it rings, a second dial is refused before any call session
// is opened, and the unreached dialog can always be dismissed.

type Flow = Awaited<ReturnType<typeof startWorkflow>>;

const statusRegion = () => screen.getByRole('region', { name: '坐席状态' });

async function openCase(flow: Flow, policyNo: string) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('region', { name: `回访件 ${policyNo}` });
}

/** Counts the call sessions the desk opens (each is a recording). */
function countSessionOpens(): () => number {
  const open = fakeHandlers.get('session:open')!;
  let n = 0;
  fakeHandlers.set('session:open', (req) => {
    n++;
    return open(req);
  });
  return () => n;
}

describe('a dial that cannot leave the desk is refused with the reason and records nothing', () => {
  it('softphone not registered: D says why, opens no call session, dials nothing, records no attempt, and the case stays open', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000099' }))]);
    const opens = countSessionOpens();
    await openCase(flow, 'P7100000099');
    flow.phone.notReady = '软电话未注册，无法呼出';
    await flow.user.keyboard('d');
    expect(await screen.findByText('无法拨出：软电话未注册，无法呼出。本次不计为拨打')).toHaveAttribute('role', 'alert');
    expect(flow.phone.dialled).toEqual([]);
    expect(opens()).toBe(0);
    expect(visitNow().phase).toBe('case');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await flow.db.attempts.count()).toBe(0);
    expect(within(statusRegion()).getByText('就绪')).toBeInTheDocument();
  });
});

describe('a call whose customer was never heard is a technical failure, not a visit', () => {
  it('no media from answer to hang-up: the script breaks off as a dropped line and the outcome is an unsuccessful attempt', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000098' }))]);
    await openCase(flow, 'P7100000098');
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    const markers: { questionId: string; answer: string | null }[] = [];
    fakeHandlers.set('session:marker', (req) => {
      markers.push(req as { questionId: string; answer: string | null });
      return { ok: true };
    });
    const from = Date.now() - 5000;
    act(() => flow.phone.endCall('call-1', 'agent', [{ reason: 'not_connected', from, to: null }]));
    expect(await screen.findByText(/通话已结束（通话掉线）/)).toBeInTheDocument();
    // The session carries the span for QA.
    await waitFor(() => expect(markers).toContainEqual(expect.objectContaining({ questionId: '_no_media', answer: 'not_connected|' })));
    await flow.user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByText(/本次为未成功联系（第 1 \/ 3 次）/)).toBeInTheDocument();
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('本次不判定（未完成回访）');
  });
});

describe('dialling lifecycle', () => {
  it('Esc while the call rings cancels it (not counted by default) instead of leaving the case; the desk is 通话中 meanwhile', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000001', policyholder: { phones: ['13900002004'] } }))]);
    await openCase(flow, 'P7100000001');
    flow.phone.ringNext = true;
    await flow.user.keyboard('d');
    const region = screen.getByRole('region', { name: '回访件 P7100000001' });
    await within(region).findByRole('button', { name: '取消呼叫（Esc）' });
    expect(region).toHaveTextContent('Esc 取消呼叫');
    // Ringing is not 就绪: no pause (button or F8) and the board sees 通话中.
    expect(statusRegion()).toHaveTextContent('通话中');
    expect(within(statusRegion()).queryByRole('button', { name: '示忙' })).toBeNull();
    await flow.user.keyboard('{F8}');
    expect(statusRegion()).toHaveTextContent('通话中');

    await flow.user.keyboard('{Escape}');
    expect(flow.phone.hangups).toBe(1);
    const dialog = within(await screen.findByRole('alertdialog', { name: /未接通/ }));
    expect(screen.getByRole('region', { name: '回访件 P7100000001' })).toBeInTheDocument();
    expect(screen.queryByRole('listbox', { name: '待回访队列' })).toBeNull();
    // An agent's cancel is not an attempt unless the agent says otherwise (DIAL_RESULT_ATTEMPT.cancelled = null).
    expect(dialog.getByRole('radio', { name: /不计入拨打次数/ })).toHaveAttribute('aria-checked', 'true');
    expect(statusRegion()).toHaveTextContent('话后整理');
    // Esc does not leave while the failed dial waits for its choice either.
    await flow.user.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog', { name: /未接通/ })).toBeInTheDocument();

    await flow.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(statusRegion()).toHaveTextContent('就绪'));
    expect(flow.log.closed).toEqual([expect.objectContaining({ outcome: 'not_counted' })]);
    expect(await flow.db.attempts.count()).toBe(0);
    await flow.user.keyboard('{Escape}');
    await screen.findByRole('listbox', { name: '待回访队列' });
  });

  it('a ring timeout after the agent stayed on the case is recorded as a no-answer attempt, and the queue confirms what was recorded', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000002' }))]);
    await openCase(flow, 'P7100000002');
    flow.phone.ringNext = true;
    await flow.user.keyboard('d');
    await screen.findByRole('button', { name: '取消呼叫（Esc）' });
    act(() => flow.phone.settle({ kind: 'failed', attempt: 'no_answer', reason: '振铃超时，无人接听' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: /振铃超时/ }));
    expect(dialog.getByRole('radio', { name: /无人接听/ })).toHaveAttribute('aria-checked', 'true');
    await flow.user.keyboard('{Enter}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(async () => expect(await flow.db.attempts.count()).toBe(1));
    expect(screen.getByText('已记录：P7100000002 第 1 / 3 次拨打（无人接听），案件仍在队列中')).toHaveAttribute('role', 'status');
  });

  it('a second dial while a call is live is refused with a message: no call session, no unreached dialog', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000003' }))]);
    const opens = countSessionOpens();
    await openCase(flow, 'P7100000003');
    flow.phone.lineBusy = true; // e.g. a call the agent placed from the softphone's pad
    await flow.user.keyboard('d');
    expect(await screen.findByRole('alert')).toHaveTextContent('已有通话进行中');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(opens()).toBe(0);
    expect(flow.phone.dialled).toEqual([]);
    expect(visitNow().call).toBeNull();
  });

  it('the unreached dialog can be dismissed even when no call record is left to count it against', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000004' }))]);
    await openCase(flow, 'P7100000004');
    // A failed dial whose call record is gone (not reachable through events: set directly).
    act(() =>
      useVisitStore.setState({
        visit: {
          ...visitNow(),
          phase: 'unreached',
          failedDial: { attempt: 'no_answer', reason: '振铃超时，无人接听', choice: 'no_answer', saving: false },
          call: null,
        },
      }),
    );
    await screen.findByRole('alertdialog', { name: /振铃超时/ });
    await flow.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(visitNow()).toMatchObject({ phase: 'case', failedDial: null, error: '本次拨打无通话记录，未计入拨打次数' });
  });

  it('"示忙中不能拨打" goes away once F8 makes the agent 就绪 again', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000005' }))]);
    await flow.user.keyboard('{F8}');
    await waitFor(() => expect(statusRegion()).toHaveTextContent('示忙'));
    await openCase(flow, 'P7100000005');
    await flow.user.keyboard('d');
    expect(await screen.findByRole('alert')).toHaveTextContent('示忙中不能拨打');
    await flow.user.keyboard('{F8}');
    await waitFor(() => expect(statusRegion()).toHaveTextContent('就绪'));
    expect(screen.queryByText(/示忙中不能拨打/)).toBeNull();
  });
});

describe('a dropped line is called back in one keystroke (the agent can redial in one keystroke)', () => {
  it('Alt+R on the outcome of a never-heard call saves the attempt and dials the same number again', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000097' }))]);
    await openCase(flow, 'P7100000097');
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    act(() => flow.phone.endCall('call-1', 'agent', [{ reason: 'not_connected', from: Date.now() - 5000, to: null }]));
    await flow.user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByRole('button', { name: '保存并重拨（Alt+R）' })).toBeInTheDocument();
    await flow.user.keyboard('{Alt>}r{/Alt}');
    await screen.findByRole('region', { name: '回访话术' });
    expect(flow.phone.dialled).toHaveLength(2);
    expect(flow.phone.dialled[1]).toBe(flow.phone.dialled[0]);
    expect(await flow.db.attempts.count()).toBe(1);
  });
});

describe('the call session keeps the script values the call had (QA reads each question as it was read)', () => {
  it('session:open carries the product, the company and the agent, with the policyholder’s number masked', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7100000096' }))]);
    const open = fakeHandlers.get('session:open')!;
    const requests: Record<string, unknown>[] = [];
    fakeHandlers.set('session:open', (req) => {
      requests.push(req as Record<string, unknown>);
      return open(req);
    });
    await openCase(flow, 'P7100000096');
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    const values = requests[0].scriptValues as Record<string, string>;
    expect(values.productName).toBe(policy().product.name);
    expect(values.staffNo).toBe('1001');
    expect(Object.values(values).join(' ')).not.toContain(policy().policyholder.phones[0]);
  });
});
