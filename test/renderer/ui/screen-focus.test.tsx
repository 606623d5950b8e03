import 'fake-indexeddb/auto';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/app/app';
import { useVisitStore } from '../../../renderer/features/visit/visit-store';
import { useReviewStore } from '../../../renderer/features/review/review-store';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { fakeHandlers } from '../../setup/fake-huifang';
import { fakeSignedIn } from '../support/fake-signed-in';
import { assigned, freshDb, policy } from '../data/test-db';
import { startWorkflow } from '../data/workflow-harness';
import { installReviewHost } from '../features/review/fixtures';

// Keyboard-first desk ("every action reachable by keyboard"): after every screen change focus is
// on the element whose keys the screen expects, never left on <body>.

type Flow = Awaited<ReturnType<typeof startWorkflow>>;

const queueList = () => screen.getByRole('listbox', { name: '待回访队列' });
const caseRegion = (policyNo: string) => screen.getByRole('region', { name: `回访件 ${policyNo}` });

async function openCase(flow: Flow, policyNo: string) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('region', { name: `回访件 ${policyNo}` });
}

describe('focus after screen changes (agent workflow)', () => {
  it('sign-in → queue list; queue → case region; Esc back → queue list', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7000000001' }))]);
    await waitFor(() => expect(queueList()).toHaveFocus());
    await openCase(flow, 'P7000000001');
    await waitFor(() => expect(caseRegion('P7000000001')).toHaveFocus());
    await flow.user.keyboard('{Escape}');
    await waitFor(() => expect(queueList()).toHaveFocus());
  });

  it('closing the phone-correction form (Esc, or saving) puts focus back on the case, so D dials', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7000000002', policyholder: { phones: ['13800000001'] } }))]);
    await openCase(flow, 'P7000000002');
    await flow.user.keyboard('c');
    expect(screen.getByRole('textbox', { name: /正确号码/ })).toHaveFocus();
    await flow.user.keyboard('{Escape}');
    await waitFor(() => expect(caseRegion('P7000000002')).toHaveFocus());
    await flow.user.keyboard('c');
    await flow.user.type(screen.getByRole('textbox', { name: /正确号码/ }), '13900000002');
    await flow.user.type(screen.getByRole('textbox', { name: '更正原因' }), '客户告知');
    await flow.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('form', { name: '更正电话号码' })).toBeNull());
    expect(caseRegion('P7000000002')).toHaveFocus();
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    expect(flow.phone.dialled).toEqual(['13900000002']);
  });

  it('a failed dial focuses the unreached dialog; "not counted" returns to the case; a recorded attempt returns to the queue list', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7000000003' }))]);
    flow.phone.results.push({ kind: 'failed', attempt: 'busy', sipCode: 486, reason: '对方忙' });
    flow.phone.results.push({ kind: 'failed', attempt: 'no_answer', reason: '无人接听' });
    await openCase(flow, 'P7000000003');
    await flow.user.keyboard('d');
    const dialog = await screen.findByRole('alertdialog', { name: /未接通/ });
    expect(dialog).toHaveFocus();
    await flow.user.keyboard('0{Enter}'); // not counted: the case stays open
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(caseRegion('P7000000003')).toHaveFocus());
    await flow.user.keyboard('d');
    expect(await screen.findByRole('alertdialog', { name: /未接通/ })).toHaveFocus();
    await flow.user.keyboard('1{Enter}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(() => expect(queueList()).toHaveFocus());
  });

  it('the script region has focus from the first question on; the outcome screen takes focus, and Ctrl+Enter finishes to the queue list', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7000000004' }))]);
    await openCase(flow, 'P7000000004');
    await flow.user.keyboard('d');
    const wizard = await screen.findByRole('region', { name: '回访话术' });
    expect(wizard).toHaveFocus();
    await flow.user.keyboard('1{Enter}{Enter}'); // identity, greeting
    expect(wizard).toHaveFocus();
    act(() => flow.phone.endCall('call-1', 'customer')); // the script ends at once: no callback suggested
    expect(screen.getByRole('button', { name: /进入结果确认/ })).toHaveFocus();
    await flow.user.keyboard('{Enter}');
    const outcome = await screen.findByRole('region', { name: '回访结果确认' });
    await waitFor(() => expect(outcome).toHaveFocus());
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(() => expect(queueList()).toHaveFocus());
  });

  it('a suggested callback focuses its time; Alt+B dropping it puts focus back on the outcome screen', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7000000005' }))]);
    await openCase(flow, 'P7000000005');
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    await flow.user.keyboard('1{Enter}{Enter}');
    await flow.user.keyboard('{Alt>}b{/Alt}'); // busy: callback suggested
    await flow.user.keyboard('{Enter}');
    const outcome = await screen.findByRole('region', { name: '回访结果确认' });
    expect(within(outcome).getByLabelText(/回呼时间/)).toHaveFocus();
    await flow.user.keyboard('{Alt>}b{/Alt}');
    await waitFor(() => expect(within(outcome).queryByLabelText(/回呼时间/)).toBeNull());
    expect(outcome).toHaveFocus();
  });

  it('closing the pause-reason form (F8 flow via the button, Esc) puts focus back on the queue list', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7000000006' }))]);
    await flow.user.click(screen.getByRole('button', { name: '示忙' }));
    expect(screen.getByRole('combobox', { name: /示忙原因/ })).toHaveFocus();
    await flow.user.keyboard('{Escape}');
    await waitFor(() => expect(queueList()).toHaveFocus());
    // Focus on the queue again means its keys work: Enter opens the case.
    await openCase(flow, 'P7000000006');
  });
});

describe('focus after screen changes (team lead switches)', () => {
  function signInLead() {
    fakeSignedIn('2001', 'team_lead', '演示组长');
    fakeHandlers.set('center:roster', () => ({ kind: 'ok', roster: { team: 'A', members: [] } }));
    const now = new Date().toISOString();
    fakeHandlers.set('center:teamLive', () => ({
      kind: 'ok',
      live: {
        team: 'A',
        at: now,
        agents: [
          {
            staffNo: '1001',
            name: '坐席1001',
            state: { status: 'ready', statusSince: now, pauseReason: null, case: null, call: null, script: null, updatedAt: now },
            receivedAt: now,
            stale: false,
          },
        ],
      },
    }));
  }

  beforeEach(() => {
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    useVisitStore.getState().dispatch({ type: 'reset' });
    useReviewStore.getState().reset();
  });

  it('F9 focuses the replay list, Enter opens a session (player focused), F9 back focuses the team view; F10 focuses the live board list, Esc back to the team view', async () => {
    const teamList = () => screen.getByRole('listbox', { name: '班组回访件' });
    installReviewHost();
    signInLead();
    const user = userEvent.setup();
    render(<App parts={() => ({ db: freshDb(), softphone: () => null, startRecording: null })} />);
    await user.type(screen.getByLabelText('工号'), '2001');
    await user.type(screen.getByLabelText('密码'), 'demo1234');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(teamList()).toHaveFocus());

    await user.keyboard('{F9}');
    const list = await screen.findByRole('listbox', { name: '通话记录' });
    await screen.findByRole('option', { name: /P2026000123/ });
    expect(list).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('region', { name: '录音播放器' })).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('listbox', { name: '通话记录' })).toHaveFocus());
    await user.keyboard('{F9}');
    await waitFor(() => expect(teamList()).toHaveFocus());

    await user.keyboard('{F10}');
    const grid = await screen.findByRole('grid', { name: '坐席实时状态' });
    await waitFor(() => expect(grid).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(teamList()).toHaveFocus());
  });
});
