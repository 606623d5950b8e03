import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { assigned, policy } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';
import { openAndDial, question, wizard } from './wizard-steps';

describe('the script names exactly the keys that work on each step (docs/domain.md §5.1: identity has one answer, the rest are branches)', () => {
  it('on the identity question the hint offers 1 是 and the branches, never 2 否 / 3 / 4', async () => {
    const { user } = await startWorkflow([assigned(policy({ policyNo: 'P1100000001' }))]);
    await openAndDial(user);
    expect(
      wizard()
        .getAllByRole('radio')
        .map((r) => r.textContent),
    ).toEqual(['1 是']);
    await user.keyboard('{Enter}');
    const hint = wizard().getByRole('alert').textContent ?? '';
    expect(hint).toContain('1 是');
    expect(hint).toContain('Alt+');
    expect(hint).not.toMatch(/2 否|3 不清楚|4 拒答/);
  });

  it('a number key the identity question does not take says which keys do, and changes nothing', async () => {
    const { user } = await startWorkflow([assigned(policy({ policyNo: 'P1100000002' }))]);
    await openAndDial(user);
    const first = question();
    await user.keyboard('2');
    expect(wizard().getByRole('alert')).toHaveTextContent('本题不接受按键 2：可按 1 是');
    expect(wizard().getByRole('radio', { name: /是/ })).toHaveAttribute('aria-checked', 'false');
    await user.keyboard('{Enter}');
    expect(question()).toBe(first);
  });

  it('on a regulatory question all four answers are offered', async () => {
    const { user } = await startWorkflow([assigned(policy({ policyNo: 'P1100000003' }))]);
    await openAndDial(user);
    for (let i = 0; i < 10 && wizard().queryAllByRole('radio').length < 4; i++) {
      const isQuestion = wizard().queryAllByRole('radio').length > 0;
      await user.keyboard(isQuestion ? '1{Enter}' : '{Enter}');
    }
    await user.keyboard('{Enter}');
    expect(wizard().getByRole('alert')).toHaveTextContent('1 是 · 2 否 · 3 不清楚 · 4 拒答');
  });
});
