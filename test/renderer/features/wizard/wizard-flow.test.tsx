import 'fake-indexeddb/auto';
import { screen, within, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../shared/domain/outcome/classify';
import { maskIdNumber } from '../../../../shared/domain/masking';
import { contractEndDate } from '../../../../shared/domain/policy-term';
import { useWizardStore } from '../../../../renderer/features/wizard/wizard-store';
import { assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';
import { answerAllYes, openAndDial, question, wizard } from './wizard-steps';

describe('script wizard (docs/domain.md §5, Chongqing rule art. 8: one question at a time, explicit answers)', () => {
  it('cannot advance without an explicit answer', async () => {
    const { user } = await startWorkflow([assigned(policy({ policyNo: 'P1000000001' }))]);
    await openAndDial(user);
    const first = question();
    expect(first).toBe('您好！请问是张先生吗？');
    await user.keyboard('{Enter}');
    expect(wizard().getByRole('alert')).toHaveTextContent('请先选择客户的回答');
    expect(question()).toBe(first);
    await user.keyboard('7{Enter}'); // not an answer key
    expect(question()).toBe(first);
    await user.keyboard('1');
    expect(wizard().getByRole('radio', { name: /是/ })).toHaveAttribute('aria-checked', 'true');
    expect(question()).toBe(first); // choosing alone does not advance: Enter confirms
    await user.keyboard('{Enter}');
    expect(question()).not.toBe(first);
  });

  it('never shows dividend, universal-life or payment-period questions for a traditional single-premium case', async () => {
    const single = policy({
      policyNo: 'P1000000002',
      product: { design: 'traditional' },
      premium: { mode: 'single', paymentYears: 1, frequency: undefined, nextDueDate: undefined },
    });
    const { user } = await startWorkflow([assigned(single)]);
    await openAndDial(user);
    const shown = await answerAllYes(user);
    expect(shown.length).toBeGreaterThan(8);
    for (const text of shown) {
      expect(text).not.toMatch(/红利|分红|万能|投资连结|交费期间|每.*交费/);
    }
    expect(screen.getByText(/话术已完成/)).toBeInTheDocument();
  });

  it('shows the dividend and payment questions where they apply (regular-premium dividend case)', async () => {
    const dividend = policy({ policyNo: 'P1000000003', product: { design: 'dividend', name: '测试分红两全保险' } });
    const { user } = await startWorkflow([assigned(dividend)]);
    await openAndDial(user);
    const shown = await answerAllYes(user);
    expect(shown.some((t) => t.includes('红利'))).toBe(true);
    expect(shown.some((t) => t.includes('交费期间'))).toBe(true);
  });

  it('masks ID number, address and amounts until the identity step is passed, and again after going back to it', async () => {
    const c = policy({ policyNo: 'P1000000004' });
    const { user } = await startWorkflow([assigned(c)]);
    await openAndDial(user);
    const caseRegion = () => within(screen.getByRole('region', { name: /回访件 P1000000004/ }));
    expect(caseRegion().queryByText(c.policyholder.idNumber)).toBeNull();
    expect(caseRegion().getByText(maskIdNumber(c.policyholder.idNumber))).toHaveAttribute('data-masked', 'true');
    expect(caseRegion().queryByText('测试省测试市测试区样例路1号')).toBeNull();
    expect(caseRegion().queryByText('5,000 元')).toBeNull();
    await user.keyboard('1{Enter}'); // identity confirmed
    expect(caseRegion().getByText(c.policyholder.idNumber)).toBeInTheDocument();
    expect(caseRegion().getByText('测试省测试市测试区样例路1号')).toBeInTheDocument();
    expect(caseRegion().getByText('5,000 元')).toBeInTheDocument();
    await user.keyboard('{Backspace}'); // back to the identity question
    expect(question()).toBe('您好！请问是张先生吗？');
    expect(caseRegion().queryByText(c.policyholder.idNumber)).toBeNull();
  });

  it('going back with Backspace keeps the history of what was answered', async () => {
    const { user } = await startWorkflow([assigned(policy({ policyNo: 'P1000000005' }))]);
    await openAndDial(user);
    await user.keyboard('1{Enter}'); // identity
    await user.keyboard('{Enter}'); // greeting (statement)
    await user.keyboard('1{Enter}'); // consent
    const afterConsent = question();
    await user.keyboard('{Backspace}');
    expect(question()).toMatch(/通话将会录音/);
    const history = within(screen.getByRole('region', { name: '回答记录' }));
    const items = history.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent('已撤回');
    await user.keyboard('1{Enter}');
    expect(question()).toBe(afterConsent);
    const again = within(screen.getByRole('region', { name: '回答记录' })).getAllByRole('listitem');
    expect(again).toHaveLength(3);
    expect(again[1]).toHaveTextContent('已撤回');
    expect(again[2]).not.toHaveTextContent('已撤回');
  });

  it('a non-是 answer shows the explanation, re-asks, and records whether it was cleared', async () => {
    const { user, log } = await startWorkflow([assigned(policy({ policyNo: 'P1000000006' }))]);
    await openAndDial(user);
    await user.keyboard('1{Enter}{Enter}1{Enter}'); // identity, greeting, consent
    expect(question()).toMatch(/人身保险产品/);
    await user.keyboard('3{Enter}'); // 不清楚
    expect(wizard().getByRole('note')).toHaveTextContent('请向客户解释后再次询问');
    expect(question()).toMatch(/人身保险产品/);
    await user.keyboard('1{Enter}'); // cleared after explanation
    expect(question()).toMatch(/亲笔/);
    const record = useWizardStore.getState().script?.records.insurance_nature;
    expect(record).toMatchObject({ kind: 'answered', first: 'unclear', final: 'yes', explained: true });
    // The recording gets both answers; the second is marked as the re-ask, so QA can tell it from a correction.
    expect(log.markers.filter((m) => m.questionId === 'insurance_nature').map((m) => [m.answer, m.reask])).toEqual([
      ['unclear', false],
      ['yes', true],
    ]);
  });

  it('shows the domain core classification for the answers given, and finishing puts the result in the outbox', async () => {
    const c = policy({ policyNo: 'P1000000007' });
    const { user, db, log } = await startWorkflow([assigned(c)]);
    await openAndDial(user);
    await user.keyboard('1{Enter}{Enter}1{Enter}'); // identity, greeting, consent
    await user.keyboard('2{Enter}1{Enter}'); // insurance nature: 否, cleared after explanation
    await user.keyboard('2{Enter}'); // signature: 否 (no explanation: final) → forged signature
    await answerAllYes(user);
    await user.keyboard('{Enter}'); // to the outcome
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    const result = useWizardStore.getState().script?.result;
    expect(result).toBeTruthy();
    const expected = classify(result!, c);
    expect(expected.category).toBe('problem');
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent(expected.categoryLabel.zh);
    const shownKinds = outcome.getAllByRole('listitem').map((li) => li.getAttribute('data-kind'));
    expect(shownKinds).toEqual(expected.kinds.map((k) => k.code));
    expect(shownKinds).toContain('forged_signature');
    expect(shownKinds).toContain('sub_not_insurance');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(async () => expect(await db.outbox.count()).toBeGreaterThanOrEqual(3));
    const items = (await readOutbox(db)).map((e) => e.item);
    const res = items.find((i) => i.kind === 'result');
    expect(res).toMatchObject({ policyNo: 'P1000000007', data: { classification: 'problem' } });
    expect(items.find((i) => i.kind === 'attempt')).toMatchObject({ data: { outcome: 'connected' } });
    // Each answer sent a marker to the recording session, and the session was closed with the outcome.
    const answered = result!.items.length;
    expect(log.markers.filter((m) => m.answer !== null && !m.answer.startsWith('branch:')).length).toBeGreaterThanOrEqual(answered);
    expect(log.closed).toEqual([expect.objectContaining({ outcome: 'problem' })]);
    // The recording is kept counting from the contract's end (retention), not forever.
    expect(log.opened).toEqual([expect.objectContaining({ caseId: 'P1000000007', contractEndDate: contractEndDate(c) })]);
    expect(contractEndDate(c)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await db.queue.get('P1000000007')).toBeUndefined();
  });
});
