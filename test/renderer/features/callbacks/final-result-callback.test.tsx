import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../renderer/data/new-id';
import { writeSetting } from '../../../../renderer/data/settings-repo';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { addAttempts, allCallbacks, assigned, policy, readOutbox } from '../../data/test-db';
import { busyCallToOutcome, startWorkflow } from '../../data/workflow-harness';

describe('callbacks and final results', () => {
  it('a busy policyholder on the last attempt: the case closes as a verification case, so no callback is offered or pushed', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3200000001' }))]);
    await writeSetting(flow.db, 'maxAttempts', 3);
    await addAttempts(
      flow.db,
      [0, 1].map(() => ({
        id: newId(),
        policyNo: 'P3200000001',
        occurredAt: '2026-11-24T02:00:00.000Z',
        outcome: 'no_answer' as const,
        detail: 'no_answer',
        phone: '13800000001',
        agent: '1001',
      })),
    );
    const outcome = await busyCallToOutcome(flow);
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('核实件');
    expect(outcome.queryByRole('group', { name: '预约回呼' })).toBeNull();
    expect(outcome.getByText('本件已有最终结果，结案后由分支机构跟进，无需预约回呼')).toBeInTheDocument();
    await flow.user.keyboard('{Alt>}b{/Alt}'); // the shortcut does not open the form either
    expect(outcome.queryByRole('group', { name: '预约回呼' })).toBeNull();
    expect(outcome.queryByRole('button', { name: /预约回呼/ })).toBeNull();
    await flow.user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('listbox', { name: '待回访队列' });
    const items = (await readOutbox(flow.db)).map((e) => e.item);
    expect(items.find((i) => i.kind === 'result')).toMatchObject({ data: { classification: 'verification' } });
    expect(items.some((i) => i.kind === 'callback')).toBe(false);
    expect(await allCallbacks(flow.db)).toEqual([]);
  });

  it('a completed standard visit: no callback button, the reason is stated', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3200000002' }))]);
    await flow.user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: /^回访件/ });
    await flow.user.keyboard('d');
    await screen.findByRole('region', { name: '回访话术' });
    await flow.user.keyboard('1{Enter}{Enter}1{Enter}');
    for (let i = 0; i < 30 && !screen.queryByText(/话术已完成/); i++) {
      const q = within(screen.getByRole('region', { name: '回访话术' })).queryByRole('radiogroup', { name: '客户回答' });
      await flow.user.keyboard(q ? '1{Enter}' : '{Enter}');
    }
    await flow.user.keyboard('{Enter}');
    const outcome = within(await screen.findByRole('region', { name: '回访结果确认' }));
    expect(outcome.getByTestId('outcome-category')).toHaveTextContent('标准件');
    expect(outcome.getByTestId('no-callback')).toHaveTextContent(/本件已有最终结果.*无需预约回呼/);
    await flow.user.keyboard('{Alt>}b{/Alt}');
    expect(outcome.queryByRole('group', { name: '预约回呼' })).toBeNull();
    expect(outcome.getByText(/^Ctrl\+Enter 完成 · Alt\+C 更改结果$/)).toBeInTheDocument();
  });

  it('an interim attempt: the time is read back in zh-CN words; Tab goes time → owner → note, Shift+Tab leaves the time field', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3200000003' }))]);
    const outcome = await busyCallToOutcome(flow);
    const form = within(outcome.getByRole('group', { name: '预约回呼' }));
    const when = form.getByLabelText('回呼时间');
    await waitFor(() => expect(when).toHaveFocus());
    fireEvent.change(when, { target: { value: '2026-11-25T17:30' } });
    expect(form.getByTestId('callback-when-words')).toHaveTextContent('11月25日 周三 17:30');
    expect(when).toHaveAccessibleDescription('11月25日 周三 17:30');
    // Chromium would move to the next part of the date on Tab: the form takes Tab to the owner.
    expect(fireEvent.keyDown(when, { key: 'Tab' })).toBe(false);
    expect(form.getByRole('radio', { name: '我本人' })).toHaveFocus();
    await flow.user.tab();
    expect(form.getByRole('textbox', { name: /备注/ })).toHaveFocus();
    when.focus();
    expect(fireEvent.keyDown(when, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(outcome.getByRole('button', { name: /更改结果/ })).toHaveFocus();
  });

  it('no empty status line in the callback form once the roster is loaded', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P3200000004' }))]);
    fakeHandlers.set('center:roster', () => ({
      kind: 'ok',
      roster: { team: 'A', members: [{ staffNo: '1002', name: '王粤', role: 'agent', languages: ['mandarin'] }] },
    }));
    const outcome = await busyCallToOutcome(flow);
    const group = outcome.getByRole('group', { name: '预约回呼' });
    await waitFor(() => expect(within(group).getByRole('radio', { name: '指定同事' })).toBeEnabled());
    expect(Array.from(group.querySelectorAll('p')).filter((p) => (p.textContent ?? '').trim() === '')).toEqual([]);
  });
});
