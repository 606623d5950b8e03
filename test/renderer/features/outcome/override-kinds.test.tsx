import 'fake-indexeddb/auto';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

type Flow = Awaited<ReturnType<typeof startWorkflow>>;

/** Dials the first case, answers the script (`answers` first, then 是 throughout) and opens the outcome screen. */
async function visitToOutcome(flow: Flow, answers: string) {
  await flow.user.keyboard('{Enter}');
  await screen.findByRole('heading', { name: /^回访件/ });
  await flow.user.keyboard('d');
  await screen.findByRole('region', { name: '回访话术' });
  await flow.user.keyboard('1{Enter}{Enter}1{Enter}'); // identity, greeting, consent
  if (answers) await flow.user.keyboard(answers);
  for (let i = 0; i < 30 && !screen.queryByText(/话术已完成/); i++) {
    const q = within(screen.getByRole('region', { name: '回访话术' })).queryByRole('radiogroup', { name: '客户回答' });
    await flow.user.keyboard(q ? '1{Enter}' : '{Enter}');
  }
  await flow.user.keyboard('{Enter}');
  return within(await screen.findByRole('region', { name: '回访结果确认' }));
}

async function pushedResult(flow: Flow) {
  const item = (await readOutbox(flow.db)).map((e) => e.item).find((i) => i.kind === 'result');
  return item && item.kind === 'result' ? item : null;
}

describe('changing the result to a non-standard category', () => {
  it('asks for the kinds of the new category and refuses to finish until one is picked; the picked kinds are pushed', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3100000001' }))]);
    const outcome = await visitToOutcome(flow, '');
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('标准件');
    await flow.user.keyboard('{Alt>}c{/Alt}');
    await flow.user.selectOptions(outcome.getByRole('combobox', { name: '更改为' }), 'problem');
    const kinds = within(outcome.getByRole('group', { name: /问题件类型/ }));
    const boxes = kinds.getAllByRole('checkbox');
    // The scheme's kinds of 问题件, none computed, so none picked.
    expect(boxes.length).toBeGreaterThan(3);
    expect(boxes.every((b) => !(b as HTMLInputElement).checked)).toBe(true);
    await flow.user.type(outcome.getByRole('textbox', { name: /更改原因/ }), '客户称签名非本人所签');
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    expect(outcome.getByRole('alert')).toHaveTextContent('更改为问题件时须至少选择一项问题件类型');
    expect(await pushedResult(flow)).toBeNull();
    // Keyboard reachable: the checkbox is labelled and toggled with Space.
    kinds.getByRole('checkbox', { name: '代签名' }).focus();
    await flow.user.keyboard(' ');
    expect(outcome.queryByRole('alert')).toBeNull();
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    expect(await pushedResult(flow)).toMatchObject({
      data: {
        classification: 'problem',
        kinds: ['forged_signature'],
        override: { computedClassification: 'standard', computedKinds: [], reason: '客户称签名非本人所签' },
      },
    });
  });

  it('preselects the computed kinds that belong to the chosen category', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3100000002' }))]);
    // insurance nature: 否 then 是 after the explanation (corrected); signature: 否 twice (not corrected)
    const outcome = await visitToOutcome(flow, '2{Enter}1{Enter}2{Enter}2{Enter}');
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('问题件');
    const computed = outcome.getAllByRole('listitem').map((li) => li.getAttribute('data-kind'));
    expect(computed).toContain('sub_not_insurance');
    await flow.user.keyboard('{Alt>}c{/Alt}');
    await flow.user.selectOptions(outcome.getByRole('combobox', { name: '更改为' }), 'substandard');
    const kinds = within(outcome.getByRole('group', { name: /次标准件类型/ }));
    const checked = kinds.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).checked);
    expect(checked.map((b) => (b as HTMLInputElement).value)).toEqual(computed.filter((k) => k?.startsWith('sub_')));
    await flow.user.type(outcome.getByRole('textbox', { name: /更改原因/ }), '签名经核实为本人');
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    expect(await pushedResult(flow)).toMatchObject({ data: { classification: 'substandard', kinds: ['sub_not_insurance'] } });
  });

  it('clears a validation message as soon as its cause is fixed', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3100000003' }))]);
    const outcome = await visitToOutcome(flow, '');
    await flow.user.keyboard('{Alt>}c{/Alt}');
    await flow.user.selectOptions(outcome.getByRole('combobox', { name: '更改为' }), 'substandard');
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    expect(outcome.getByRole('alert')).toHaveTextContent('更改结果必须填写原因');
    await flow.user.type(outcome.getByRole('textbox', { name: /更改原因/ }), '客户已理解');
    expect(outcome.queryByText(/更改结果必须填写原因/)).toBeNull();
    expect(outcome.getByRole('alert')).toHaveTextContent('须至少选择一项次标准件类型');
    await flow.user.click(outcome.getAllByRole('checkbox')[0]!);
    expect(outcome.queryByRole('alert')).toBeNull();
    // Back to the computed category: nothing to explain any more.
    await flow.user.clear(outcome.getByRole('textbox', { name: /更改原因/ }));
    expect(outcome.getByRole('alert')).toHaveTextContent('更改结果必须填写原因');
    await flow.user.selectOptions(outcome.getByRole('combobox', { name: '更改为' }), 'standard');
    expect(outcome.queryByRole('alert')).toBeNull();
  });
});
