import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { WizardScreen } from '../../../../renderer/features/wizard/wizard-screen';
import { useWizardStore } from '../../../../renderer/features/wizard/wizard-store';
import { assigned, policy } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';
import { openAndDial, question, wizard } from './wizard-steps';

describe('the call ends while the script is unfinished', () => {
  it('after the agent hangs up, the wizard says so, focuses the end reason, and Enter points to it', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P1100000001' }))]);
    await openAndDial(flow.user);
    await flow.user.keyboard('1{Enter}{Enter}'); // identity, greeting
    const onQuestion = question();
    act(() => flow.phone.endCall('call-1', 'agent'));
    expect(wizard().getByRole('status')).toHaveTextContent('通话已结束：请选择结束原因后进入结果确认');
    const reason = wizard().getByRole('combobox', { name: /通话中断/ });
    expect(reason).toHaveFocus();
    // Enter on the unanswered question (focus elsewhere) points to the reason, not to an answer.
    (screen.getByRole('region', { name: '回访话术' }) as HTMLElement).focus();
    await flow.user.keyboard('{Enter}');
    expect(wizard().getByRole('alert')).toHaveTextContent('通话已结束：请选择结束原因');
    expect(wizard().getByRole('alert')).not.toHaveTextContent('请先选择客户的回答');
    expect(reason).toHaveFocus();
    expect(question()).toBe(onQuestion);
    // From the keyboard the arrows only choose; Enter ends the script with that reason.
    fireEvent.keyDown(reason, { key: 'ArrowDown' });
    fireEvent.change(reason, { target: { value: 'language_barrier' } });
    expect(useWizardStore.getState().script?.phase).toBe('asking');
    fireEvent.keyDown(reason, { key: 'Enter' });
    expect(useWizardStore.getState().script).toMatchObject({ phase: 'broken_off', endReason: 'language_barrier' });
    expect(screen.getByText('通话已结束（语言不通），按 Enter 进入结果确认')).toBeInTheDocument();
  });

  it('after the agent hangs up, a last chosen answer can still be recorded', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P1100000002' }))]);
    await openAndDial(flow.user);
    act(() => flow.phone.endCall('call-1', 'agent'));
    (screen.getByRole('region', { name: '回访话术' }) as HTMLElement).focus();
    await flow.user.keyboard('1{Enter}');
    expect(useWizardStore.getState().script?.records.identity).toMatchObject({ final: 'yes' });
  });

  it('a customer hang-up ends the script at once and says so with the reason', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P1100000003' }))]);
    await openAndDial(flow.user);
    await flow.user.keyboard('1{Enter}{Enter}');
    act(() => flow.phone.endCall('call-1', 'customer'));
    expect(useWizardStore.getState().script).toMatchObject({ phase: 'broken_off', endReason: 'hung_up' });
    expect(screen.getByText('通话已结束（客户挂断），按 Enter 进入结果确认')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /进入结果确认/ })).toHaveFocus();
  });
});

describe('the contact step (docs/domain.md §5.4)', () => {
  const c = policy({ policyNo: 'P1100000004', policyholder: { phones: ['13900000015'], address: '测试省测试市测试区样例路9号' } });

  function renderWizard(dialled: string) {
    useWizardStore.getState().reset();
    useWizardStore.getState().begin(DEFAULT_SCRIPT, c, null, new Date(), dialled);
    render(<WizardScreen context={{ companyName: '测试人寿', staffNo: '1001' }} onDone={() => undefined} />);
  }

  it('reads back the dialled number and the address in full once identity is confirmed', async () => {
    const user = userEvent.setup();
    renderWizard('13700000088');
    for (let i = 0; i < 40 && !question().includes('联系电话'); i++) {
      const isQuestion = wizard().queryByRole('radiogroup', { name: '客户回答' }) !== null;
      await user.keyboard(isQuestion ? '1{Enter}' : '{Enter}');
    }
    expect(question()).toBe('请问您的联系电话13700000088和通讯地址测试省测试市测试区样例路9号是否正确？');
  });

  it('shows no contact data in full before identity is confirmed', () => {
    renderWizard('13700000088');
    // Jump to the contact step without passing identity (not reachable by keys; guards the rule).
    const s = useWizardStore.getState().script!;
    act(() => useWizardStore.setState({ script: { ...s, index: s.steps.findIndex((x) => x.id === 'contact') } }));
    expect(question()).not.toContain('13700000088');
    expect(question()).not.toContain('样例路9号');
    expect(question()).toContain('137****0088');
  });

  it('a branch that ends the script while the call is up says Enter will hang up, and never claims the call has ended', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P1100000009' }))]);
    await openAndDial(flow.user);
    await flow.user.keyboard('1{Enter}{Enter}'); // identity, greeting
    await flow.user.keyboard('{Alt>}b{/Alt}'); // 客户不便（预约回呼） on the consent question
    const ended = screen.getByText(/回访已结束（客户不便接听），通话仍在进行。请向客户道别，按 Enter 结束通话并确认结果/);
    expect(ended).toBeInTheDocument();
    expect(screen.queryByText(/通话已结束/)).toBeNull();
    expect(screen.getByRole('button', { name: '结束通话并确认结果（Enter）' })).toHaveFocus();
  });
});
