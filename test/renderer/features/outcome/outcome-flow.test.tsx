import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../renderer/data/new-id';
import { writeSetting } from '../../../../renderer/data/settings-repo';
import { addAttempts, allAttempts, allCallbacks, assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

type Flow = Awaited<ReturnType<typeof startWorkflow>>;

async function openAndDial(user: Flow['user']) {
  await user.keyboard('{Enter}');
  await screen.findByRole('heading', { name: /^回访件/ });
  await user.keyboard('d');
}

describe('unreached attempts', () => {
  it('records a failed dial in two keystrokes from the softphone result', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3000000001' }))]);
    flow.phone.results.push({ kind: 'failed', attempt: 'busy', sipCode: 486, reason: '对方忙 (486 Busy Here)' });
    await openAndDial(flow.user);
    const panel = within(await screen.findByRole('alertdialog', { name: /未接通/ }));
    expect(panel.getByRole('radio', { name: /占线/ })).toHaveAttribute('aria-checked', 'true');
    // Recording the attempt is after-call work: the agent is not shown as free meanwhile.
    const status = screen.getByRole('region', { name: '坐席状态' });
    expect(status).toHaveTextContent('话后整理');
    await flow.user.keyboard('1{Enter}'); // 无人接听, record
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(() => expect(status).toHaveTextContent('就绪'));
    await waitFor(async () => expect(await flow.db.attempts.count()).toBe(1));
    const [a] = await allAttempts(flow.db);
    expect(a).toMatchObject({ policyNo: 'P3000000001', outcome: 'no_answer', detail: 'no_answer', sipCode: 486, agent: '1001' });
    const outbox = (await readOutbox(flow.db)).map((e) => e.item);
    expect(outbox.find((i) => i.kind === 'attempt')).toMatchObject({ id: a.id, data: { outcome: 'no_answer' } });
    expect(outbox.some((i) => i.kind === 'result')).toBe(false);
    expect(await flow.db.queue.get('P3000000001')).toMatchObject({ attempts: 1 });
    expect(flow.log.closed).toEqual([expect.objectContaining({ outcome: 'unreached:no_answer' })]);
  });

  it('after the configured number of attempts the case becomes a verification case of the kind the attempts point to', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3000000002' }))]);
    await writeSetting(flow.db, 'maxAttempts', 3);
    for (const detail of ['no_answer', 'disconnected'] as const) {
      await addAttempts(flow.db, [
        {
          id: newId(),
          policyNo: 'P3000000002',
          occurredAt: '2026-11-24T02:00:00.000Z',
          outcome: detail === 'no_answer' ? 'no_answer' : 'wrong_number',
          detail,
          phone: '13800000001',
          agent: '1001',
        },
      ]);
    }
    flow.phone.results.push({ kind: 'failed', attempt: 'no_answer', reason: '无人接听' });
    await openAndDial(flow.user);
    await screen.findByRole('alertdialog', { name: /未接通/ });
    await flow.user.keyboard('{Enter}'); // keep the preselected 无人接听
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(async () => expect((await readOutbox(flow.db)).some((e) => e.item.kind === 'result')).toBe(true));
    const result = (await readOutbox(flow.db)).map((e) => e.item).find((i) => i.kind === 'result');
    // A disconnected number outranks "not reached" (domain core: VERIFICATION_PRECEDENCE).
    expect(result).toMatchObject({ policyNo: 'P3000000002', data: { classification: 'verification', kinds: ['ver_wrong_number'] } });
    expect(await flow.db.queue.get('P3000000002')).toBeUndefined();
  });
});

describe('outcome screen', () => {
  it('changes the computed result only with a reason, which is kept with the result', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3000000003' }))]);
    await openAndDial(flow.user);
    await screen.findByRole('region', { name: '回访话术' });
    await flow.user.keyboard('1{Enter}{Enter}1{Enter}'); // identity, greeting, consent
    await flow.user.keyboard('2{Enter}2{Enter}'); // insurance nature not cleared → problem
    for (let i = 0; i < 30 && !screen.queryByText(/话术已完成/); i++) {
      const q = within(screen.getByRole('region', { name: '回访话术' })).queryByRole('radiogroup', { name: '客户回答' });
      await flow.user.keyboard(q ? '1{Enter}' : '{Enter}');
    }
    await flow.user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('问题件');
    await flow.user.keyboard('{Alt>}c{/Alt}');
    await flow.user.selectOptions(outcome.getByRole('combobox', { name: '更改为' }), 'substandard');
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    expect(outcome.getByRole('alert')).toHaveTextContent('更改结果必须填写原因');
    expect((await readOutbox(flow.db)).some((e) => e.item.kind === 'result')).toBe(false);
    await flow.user.type(outcome.getByRole('textbox', { name: /更改原因/ }), '客户随后表示已理解');
    await flow.user.click(outcome.getByRole('checkbox', { name: /不知道所购为保险/ }));
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    const result = (await readOutbox(flow.db)).map((e) => e.item).find((i) => i.kind === 'result');
    expect(result).toMatchObject({ data: { classification: 'substandard', kinds: ['sub_not_insurance'] } });
    // The override travels as its own field: what the domain core computed, and the agent's reason.
    expect(result).toMatchObject({ data: { override: { computedClassification: 'problem', reason: '客户随后表示已理解' } } });
    expect(result && result.kind === 'result' ? result.data.override?.computedKinds.length : 0).toBeGreaterThan(0);
  });

  it('a busy policyholder: the call ends as an attempt with a callback, the case stays in the queue with its callback', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3000000004' }))]);
    await openAndDial(flow.user);
    await screen.findByRole('region', { name: '回访话术' });
    await flow.user.keyboard('1{Enter}{Enter}'); // identity, greeting
    await flow.user.keyboard('{Alt>}b{/Alt}'); // 客户不便（预约回呼）
    expect(screen.getByText(/什么时间再联系您方便/)).toBeInTheDocument();
    await flow.user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByText(/本次为未成功联系（第 1 \/ 3 次）/)).toBeInTheDocument();
    // No verdict for an attempt: what happened, and what the case becomes if the attempts run out.
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('本次不判定（未完成回访）');
    expect(outcome.getByText('客户不便接听')).toBeInTheDocument();
    expect(outcome.getByText(/第 3 次仍未完成则判定为核实件/)).toBeInTheDocument();
    expect(outcome.getByRole('group', { name: '预约回呼' })).toBeInTheDocument();
    await flow.user.click(outcome.getByRole('radio', { name: /组内任何人/ }));
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    const [cb] = await allCallbacks(flow.db);
    expect(cb).toMatchObject({ policyNo: 'P3000000004', owner: null, bookedBy: '1001', state: 'pending' });
    const items = (await readOutbox(flow.db)).map((e) => e.item);
    expect(items.some((i) => i.kind === 'result')).toBe(false);
    expect(items.find((i) => i.kind === 'attempt')).toMatchObject({ data: { outcome: 'callback_booked' } });
    expect(await flow.db.queue.get('P3000000004')).toMatchObject({ callbackAt: cb.dueAt, attempts: 1 });
  });
});
