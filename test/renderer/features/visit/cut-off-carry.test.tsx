import 'fake-indexeddb/auto';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

// docs/domain.md §6 "A call cut off before the script ends": a hang-up while a doubt is being
// explained is an unsuccessful attempt; the answers so far are kept, the case stays open, and the
// next call starts by finishing that explanation. (Before: 问题件 on the first attempt, with the
// kinds "销售误导嫌疑…（未纠正）" and "回访周期内未联系上", and "将结案，无需预约回呼".)

type Flow = Awaited<ReturnType<typeof startWorkflow>>;

async function openAndDial(flow: Flow) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('heading', { name: /^回访件/ });
  await flow.user.keyboard('d');
  return within(await screen.findByRole('region', { name: '回访话术' }));
}

describe('a hang-up during an explanation carries the doubt to the next call', () => {
  it('the first call is an attempt that keeps the answers; the next call finishes the explanation after the opening', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7300000001' }))]);
    let script = await openAndDial(flow);
    await flow.user.keyboard('1{Enter}{Enter}1{Enter}'); // identity 是, greeting read, consent 是
    await flow.user.keyboard('2{Enter}'); // 保险性质: 否 → the explanation is read
    expect(script.getByText('请向客户解释后再次询问，并记录客户的回答：')).toBeInTheDocument();
    act(() => flow.phone.endCall('call-1', 'customer'));
    await flow.user.keyboard('{Enter}');

    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('本次不判定（未完成回访）');
    expect(outcome.getByTestId('carried-answers')).toHaveTextContent('先完成「保险性质」的解释');
    // If never reached again, the doubt was never cleared: 问题件, not 核实件 "not reached".
    expect(outcome.getByText(/第 3 次仍未完成则判定为问题件/)).toBeInTheDocument();
    expect(outcome.queryByText(/回访周期内未联系上/)).toBeNull();
    expect(outcome.queryByTestId('no-callback')).toBeNull();
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });

    const items = (await readOutbox(flow.db)).map((e) => e.item);
    expect(items.some((i) => i.kind === 'result')).toBe(false);
    expect(items.find((i) => i.kind === 'attempt')).toMatchObject({
      data: { outcome: 'hung_up', carried: { answers: { insurance_nature: 'no->pending' } } },
    });
    expect(await flow.db.queue.get('P7300000001')).toMatchObject({ attempts: 1 });

    await flow.user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: /^回访件/ });
    // Before dialling again the case says its answers wait for the next call.
    expect(await screen.findByText(/的通话中途中断：已保留当时的回答/)).toBeInTheDocument();
    await flow.user.keyboard('d');
    script = within(await screen.findByRole('region', { name: '回访话术' }));
    expect(script.getByText(/上次通话（.*）中断，已保留当时的回答/)).toBeInTheDocument();
    const question = () => document.getElementById('current-question');
    expect(question()).toHaveTextContent(/请问是.*吗/);
    await flow.user.keyboard('1{Enter}{Enter}1{Enter}');
    expect(script.getByText('请向客户解释后再次询问，并记录客户的回答：')).toBeInTheDocument();
    expect(question()).toHaveTextContent(/不是银行存款|保险产品/);
  });

  it('a 否 on a signature item is final at once, and the agent can still keep the case open with a reason while the period runs', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7300000002' }))]);
    await openAndDial(flow);
    await flow.user.keyboard('1{Enter}{Enter}1{Enter}1{Enter}'); // opening, 保险性质 是
    await flow.user.keyboard('2{Enter}'); // 亲笔签名: 否
    act(() => flow.phone.endCall('call-1', 'customer'));
    await flow.user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('问题件');
    expect(outcome.getByText('代签名')).toBeInTheDocument();
    await flow.user.keyboard('{Alt>}c{/Alt}');
    await flow.user.selectOptions(outcome.getByRole('combobox', { name: '更改为' }), '保持未结（犹豫期内再次回访）');
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    expect(outcome.getByRole('alert')).toHaveTextContent('更改结果必须填写原因');
    await flow.user.type(outcome.getByRole('textbox', { name: /更改原因/ }), '客户称需核对后回电');
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    const items = (await readOutbox(flow.db)).map((e) => e.item);
    expect(items.some((i) => i.kind === 'result')).toBe(false);
    expect(items.find((i) => i.kind === 'attempt')).toMatchObject({
      data: { note: expect.stringContaining('保持未结：客户称需核对后回电'), carried: { answers: { signature: 'no' } } },
    });
    expect(await flow.db.queue.get('P7300000002')).toBeDefined();
  });
});
