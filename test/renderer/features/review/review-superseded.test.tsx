import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../renderer/features/review/question-timeline';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { T0, sampleSession } from './fixtures';
import { openForReplay } from './replay-list';

/** Consent answered 是, withdrawn with Backspace and answered 否; then a stay branch and an ending one. */
const undone = sampleSession({
  markers: [
    { questionId: 'identity', at: T0 + 5_200, answer: 'yes' },
    { questionId: 'consent', at: T0 + 14_900, answer: 'yes' },
    { questionId: 'consent', at: T0 + 18_000, answer: 'no' },
    { questionId: 'insurance_nature', at: T0 + 40_000, answer: 'branch:what_for' },
    { questionId: 'insurance_nature', at: T0 + 45_000, answer: 'yes' },
  ],
});

/** Insurance nature answered 不清楚, explained, re-asked and cleared (是); then withdrawn and answered afresh. */
const explained = sampleSession({
  markers: [
    { questionId: 'insurance_nature', at: T0 + 20_000, answer: 'unclear' },
    { questionId: 'insurance_nature', at: T0 + 31_000, answer: 'yes', reask: true },
    { questionId: 'signature', at: T0 + 36_000, answer: 'no' },
    { questionId: 'signature', at: T0 + 44_000, answer: 'no', reask: true },
    { questionId: 'signature', at: T0 + 50_000, answer: 'yes' },
  ],
});

/** Opens `session` on the QA replay screen from the keyboard; returns its question list items. */
async function replayQuestions(session: typeof undone): Promise<HTMLElement[]> {
  await openForReplay(session);
  return within(await screen.findByRole('listbox', { name: '回访问题' })).getAllByRole('option');
}

describe('QA replay: answers the agent replaced', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('marks an answer replaced by a later marker for the same question; the last one counts; branches stay as said', () => {
    const t = buildTimeline(undone);
    expect(t.questions.map((q) => [q.questionId, q.answer, q.superseded])).toEqual([
      ['identity', '是', false],
      ['consent', '是', true],
      ['consent', '否', false],
      ['insurance_nature', expect.stringContaining('分支'), false],
      ['insurance_nature', '是', false],
    ]);
  });

  it('a re-ask after an explanation completes the first answer instead of replacing it; a fresh answer after Backspace replaces both', () => {
    const t = buildTimeline(explained);
    expect(t.questions.map((q) => [q.questionId, q.answer, q.explained, q.superseded])).toEqual([
      ['insurance_nature', '不清楚', true, false],
      ['insurance_nature', '复问后：是', false, false],
      ['signature', '否', true, true],
      ['signature', '复问后：否', false, true],
      ['signature', '是', false, false],
    ]);
  });

  it('shows the replaced answer struck through and labelled 已撤回/更正', async () => {
    const items = await replayQuestions(undone);
    expect(items[1]).toHaveAttribute('data-superseded', 'true');
    expect(items[1]).toHaveTextContent('已撤回/更正');
    expect(items[1].querySelector('s')).toHaveTextContent('是');
    for (const i of [0, 2, 3, 4]) expect(items[i]).not.toHaveTextContent('已撤回/更正');
  });
});

describe('QA replay: the re-ask after an explanation', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('shows the first answer as explained and the re-ask as 复问后, neither struck through', async () => {
    const items = await replayQuestions(explained);
    expect(items[0]).toHaveTextContent('不清楚（已解释，复问）');
    expect(items[1]).toHaveTextContent('复问后：是');
    for (const i of [0, 1]) expect(items[i]).not.toHaveAttribute('data-superseded');
    expect(items[2]).toHaveAttribute('data-superseded', 'true');
  });
});

describe('QA replay: the answers on record', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('names a branch answer (授权家属代答) and the end reason in Chinese, and shows short questions whole', async () => {
    const session = sampleSession({ answers: { identity: 'branch:authorised_family', insurance_nature: 'unclear->yes', _endReason: 'hung_up' } });
    await replayQuestions(session);
    const items = within(await screen.findByRole('list', { name: '全部回答' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(items).toContain('您好！请问是…吗？：分支：授权家属代答（听力/语言障碍）');
    expect(items).toContain('结束原因：客户挂断');
    expect(items.some((t) => t.includes('不清楚 → 是'))).toBe(true);
  });
});
