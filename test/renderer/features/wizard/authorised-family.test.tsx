import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';
import { answerAllYes, openAndDial, question, wizard } from './wizard-steps';

describe('authorised family member answers for the policyholder (docs/domain.md §4)', () => {
  it('Alt+A asks who answers, refuses an incomplete record, then goes on; the result carries who, relation and reason', async () => {
    const c = policy({ policyNo: 'P1000000021' });
    const { user, db, log } = await startWorkflow([assigned(c)]);
    await openAndDial(user);
    expect(question()).toBe('您好！请问是张先生吗？');
    await user.keyboard('{Alt>}a{/Alt}');
    const form = within(await screen.findByRole('dialog', { name: '授权家属代答' }));
    const name = form.getByRole('textbox', { name: '家属姓名' });
    expect(name).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(form.getByRole('alert')).toHaveTextContent('请记录代答家属的姓名');
    expect(question()).toBe('您好！请问是张先生吗？');
    await user.type(name, '张小明');
    await user.keyboard('{Enter}');
    expect(form.getByRole('alert')).toHaveTextContent('请选择代答家属与投保人的关系');
    expect(form.getByRole('combobox', { name: '与投保人关系' })).toHaveFocus(); // the field at fault
    await user.selectOptions(form.getByRole('combobox', { name: '与投保人关系' }), '子女');
    await user.keyboard('{Enter}');
    expect(form.getByRole('alert')).toHaveTextContent('只有投保人听力障碍或无法使用普通话时才可由家属代答');
    expect(form.getByRole('combobox', { name: '代答原因' })).toHaveFocus();
    await user.selectOptions(form.getByRole('combobox', { name: '代答原因' }), '投保人听力障碍');
    await user.keyboard('{Enter}');
    // On the greeting now, with the line to read and the proxy on record.
    await waitFor(() => expect(question()).toMatch(/工号/));
    expect(screen.queryByRole('dialog', { name: '授权家属代答' })).toBeNull();
    expect(wizard().getByRole('note')).toHaveTextContent('代为回答');
    expect(wizard().getByText(/当前由授权家属代答：张小明（子女，投保人听力障碍）/)).toBeInTheDocument();
    // The questions about the purchase name the policyholder; the family member is not asked whether they signed.
    await user.keyboard('{Enter}1{Enter}'); // greeting, consent
    expect(question()).toMatch(/^请问张先生是否清楚，张先生购买的/);
    // The family member is authorised: the case details open as after the policyholder's own identity answer.
    const caseRegion = within(screen.getByRole('region', { name: /回访件 P1000000021/ }));
    expect(caseRegion.getByText(c.policyholder.idNumber)).toBeInTheDocument();
    expect(log.markers.find((m) => m.questionId === 'identity')).toMatchObject({ answer: 'branch:authorised_family' });

    await answerAllYes(user);
    await user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByText('张小明（子女，投保人听力障碍）')).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(async () => expect((await readOutbox(db)).some((e) => e.item.kind === 'result')).toBe(true));
    const res = (await readOutbox(db)).map((e) => e.item).find((i) => i.kind === 'result');
    expect(res).toMatchObject({ data: { classification: 'standard', proxy: { relation: 'child', name: '张小明', reason: 'hard_of_hearing' } } });
    // The identity answer on record says who answered, not 是.
    expect(res).toMatchObject({ data: { answers: { identity: 'branch:authorised_family', consent: 'yes' } } });
    expect(log.closed[0]?.answers.identity).toBe('branch:authorised_family');
    expect(log.closed[0]?.outcomeNote).toContain('授权家属代答：张小明（子女，投保人听力障碍）');
  });

  it('Esc closes the form without recording anything; the policyholder can still answer', async () => {
    const { user } = await startWorkflow([assigned(policy({ policyNo: 'P1000000022' }))]);
    await openAndDial(user);
    await user.keyboard('{Alt>}a{/Alt}');
    await screen.findByRole('dialog', { name: '授权家属代答' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: '授权家属代答' })).toBeNull();
    await user.keyboard('1{Enter}');
    expect(question()).toMatch(/工号/);
    expect(screen.queryByText(/当前由授权家属代答/)).toBeNull();
  });
});
