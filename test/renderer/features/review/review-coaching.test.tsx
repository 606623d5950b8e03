import { beforeEach, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../renderer/features/review/question-timeline';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { T0, sampleSession } from './fixtures';
import { replayListTexts } from './replay-list';

/** Lead 2001 whispers, switches to barge, steps back; later whispers again until the call ends. */
const coached = sampleSession({
  markers: [
    { questionId: 'identity', at: T0 + 5_200, answer: 'yes' },
    { questionId: '_coaching', at: T0 + 10_000, answer: 'whisper:2001' },
    { questionId: '_coaching', at: T0 + 20_000, answer: 'barge:2001' },
    { questionId: '_coaching', at: T0 + 25_000, answer: 'off' },
    { questionId: 'consent', at: T0 + 34_000, answer: 'yes' },
    { questionId: '_coaching', at: T0 + 70_000, answer: 'whisper:2001' },
  ],
});

describe('whisper and barge in the QA replay (README "Team-lead coaching": whisper is marked on the session, not recorded)', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('coaching markers become spans by mode — a switch ends one span and starts the next — and never appear as questions', () => {
    const t = buildTimeline(coached);
    expect(t.questions.map((q) => q.questionId)).toEqual(['identity', 'consent']);
    expect(t.coaching.map((c) => [c.mode, c.lead, c.fromMs, c.toMs])).toEqual([
      ['whisper', '2001', 10_000, 20_000],
      ['barge', '2001', 20_000, 25_000],
      ['whisper', '2001', 70_000, null],
    ]);
  });

  it('the player lists them in words, saying which are in the recording', async () => {
    expect(await replayListTexts(coached, '班长耳语 / 强插')).toEqual([
      '00:10–00:20 班长 2001 耳语：仅坐席听到，不在录音中',
      '00:20–00:25 班长 2001 强插：客户与坐席均听到，在录音中',
      '01:10–结束 班长 2001 耳语：仅坐席听到，不在录音中',
    ]);
  });
});
