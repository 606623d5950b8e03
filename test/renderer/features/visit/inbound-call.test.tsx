import 'fake-indexeddb/auto';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { visitNow } from '../../../../renderer/features/visit/visit-store';
import { assigned, policy } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

// Customers ring back the number that called them. A call to a free desk from a
// queued case's number rings for that case and is answered into the normal case view and script
// (recorded like any call); otherwise the desk refuses it (486 busy / 480 unavailable) and keeps a
// missed call.

const CALLER = '13811112222';

async function deskWithCase() {
  const flow = await startWorkflow([
    assigned(policy({ policyNo: 'P7400000001' })),
    assigned(policy({ policyNo: 'P7400000002', policyholder: { phones: [CALLER] } })),
  ]);
  await screen.findByRole('listbox', { name: '待回访队列' });
  return flow;
}

describe('a policyholder calling the desk back', () => {
  it('rings for their case on a free desk (masked number, case open) and F4 answers into the script', async () => {
    const flow = await deskWithCase();
    act(() => flow.phone.offerIncoming('in-1', CALLER));
    const bar = await screen.findByRole('alert', { name: /来电：138\*\*\*\*2222（保单 P7400000002）/ });
    expect(bar).toHaveTextContent('接听（F4）');
    expect(await screen.findByRole('heading', { name: '回访件 P7400000002' })).toBeInTheDocument();
    await flow.user.keyboard('{F4}');
    await screen.findByRole('region', { name: '回访话术' });
    expect(flow.phone.answered).toEqual(['in-1']);
    expect(visitNow()).toMatchObject({ phase: 'wizard', policyNo: 'P7400000002', call: { number: CALLER, callId: 'in-1' } });
    expect(flow.phone.dialled).toEqual([]);
  });

  it('Shift+F4 declines: the caller is refused (480) and the case stays open for a call back', async () => {
    const flow = await deskWithCase();
    act(() => flow.phone.offerIncoming('in-2', CALLER));
    await screen.findByRole('alert', { name: /来电/ });
    await flow.user.keyboard('{Shift>}{F4}{/Shift}');
    expect(flow.phone.declined).toEqual([{ callId: 'in-2', busy: false }]);
    await waitFor(() => expect(screen.queryByRole('alert', { name: /来电/ })).toBeNull());
    expect(visitNow().phase).toBe('case');
  });

  it('a number that matches no queued case is refused as unavailable (480); a call during a call as busy (486)', async () => {
    const flow = await deskWithCase();
    act(() => flow.phone.offerIncoming('in-3', '13999999999'));
    await waitFor(() => expect(flow.phone.declined).toEqual([{ callId: 'in-3', busy: false }]));
    expect(screen.queryByRole('alert', { name: /来电/ })).toBeNull();
    await flow.user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: /^回访件/ });
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    act(() => flow.phone.offerIncoming('in-4', CALLER));
    await waitFor(() => expect(flow.phone.declined).toContainEqual({ callId: 'in-4', busy: true }));
  });
});

describe('any caller, where the centre’s desk settings take them (inboundCallers: any)', () => {
  const STRANGER = '13999999999';

  it('with the default (only callers of a queued case) an unmatched number is still refused as unavailable (480)', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7400000011' }))], { inboundCallers: 'case' });
    act(() => flow.phone.offerIncoming('in-5', STRANGER));
    await waitFor(() => expect(flow.phone.declined).toEqual([{ callId: 'in-5', busy: false }]));
    expect(screen.queryByRole('alert', { name: /来电/ })).toBeNull();
  });

  it('an unmatched caller rings, F4 answers into the queue (recorded, no case yet), and opening their case runs its script on the same call, once however often it is opened', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7400000011' })), assigned(policy({ policyNo: 'P7400000012' }))], {
      inboundCallers: 'any',
    });
    await screen.findByRole('listbox', { name: '待回访队列' });
    act(() => flow.phone.offerIncoming('in-6', STRANGER));
    await screen.findByRole('alert', { name: /来电：139\*\*\*\*9999（未匹配案件/ });
    // No case is opened for a caller nobody knows yet.
    expect(visitNow().phase).toBe('queue');
    await flow.user.keyboard('{F4}');
    await screen.findByText(/来电 139\*\*\*\*9999 通话中（录音中）/);
    expect(flow.phone.answered).toEqual(['in-6']);
    expect(flow.log.opened.at(-1)).toMatchObject({ caseId: null });
    expect(visitNow()).toMatchObject({ phase: 'caller', policyNo: null, call: { callId: 'in-6', number: STRANGER } });
    // The agent finds the caller's case in the queue: a click on the second row opens it, and an
    // Enter pressed on top of it (while the case is read) must not give the call a case twice.
    const list = screen.getByRole('listbox', { name: '待回访队列' });
    const row = within(list).getAllByRole('option')[1]!;
    act(() => {
      row.click();
      row.click();
    });
    await screen.findByRole('region', { name: '回访话术' });
    const sessionId = visitNow().call?.sessionId;
    expect(visitNow()).toMatchObject({ phase: 'wizard', call: { callId: 'in-6' } });
    expect(flow.log.attached).toEqual([expect.objectContaining({ sessionId, caseId: visitNow().policyNo })]);
    expect(flow.log.attached[0]?.scriptValues).toBeDefined();
    expect(flow.phone.dialled).toEqual([]);
  });

  it('a caller who hangs up before their case is opened leaves the desk on the queue, the session closed without a case', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7400000011' }))], { inboundCallers: 'any' });
    act(() => flow.phone.offerIncoming('in-7', STRANGER));
    await screen.findByRole('alert', { name: /未匹配案件/ });
    await flow.user.keyboard('{F4}');
    await waitFor(() => expect(visitNow().phase).toBe('caller'));
    const sessionId = visitNow().call?.sessionId;
    act(() => flow.phone.endCall('in-7'));
    await waitFor(() => expect(visitNow()).toMatchObject({ phase: 'queue', call: null }));
    await waitFor(() =>
      expect(flow.log.closed).toContainEqual(expect.objectContaining({ sessionId, outcome: null, outcomeNote: '来电未转入回访（未找到或未打开案件）' })),
    );
    expect(flow.log.attached).toEqual([]);
    expect(screen.queryByRole('region', { name: '回访话术' })).toBeNull();
  });
});
