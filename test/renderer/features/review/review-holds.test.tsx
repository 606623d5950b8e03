import { beforeEach, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../renderer/features/review/question-timeline';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { T0, sampleSession } from './fixtures';
import { replayListTexts } from './replay-list';

/** The call put on hold twice; the second hold lasted to the end of the call. */
const held = sampleSession({
  markers: [
    { questionId: 'identity', at: T0 + 5_200, answer: 'yes' },
    { questionId: '_hold', at: T0 + 12_000, answer: 'on' },
    { questionId: '_hold', at: T0 + 30_000, answer: 'off' },
    { questionId: 'consent', at: T0 + 34_000, answer: 'yes' },
    { questionId: '_hold', at: T0 + 80_000, answer: 'on' },
  ],
});

describe('hold in the QA replay: the spans the customer could not hear are marked, never read as said to the customer', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('hold markers become spans on the time axis and never appear as questions', () => {
    const t = buildTimeline(held);
    expect(t.questions.map((q) => q.questionId)).toEqual(['identity', 'consent']);
    expect(t.holds.map((h) => [h.fromMs, h.toMs])).toEqual([
      [12_000, 30_000],
      [80_000, null],
    ]);
  });

  it('the player lists the held spans in words', async () => {
    expect(await replayListTexts(held, '通话保持')).toEqual([
      '00:12–00:30 通话保持：客户听不到坐席（坐席声道照常录音）',
      '01:20–结束 通话保持：客户听不到坐席（坐席声道照常录音）',
    ]);
  });
});
