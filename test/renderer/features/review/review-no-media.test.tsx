import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../renderer/features/review/question-timeline';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { QA, ROWS, T0, installReviewHost, sampleSession, stubObjectUrls } from './fixtures';

// A call whose customer could not be heard never passes for a good one — the session
// carries the no-media spans, QA's list flags it and the replay shows the spans in words.

const silent = sampleSession({
  markers: [
    { questionId: 'identity', at: T0 + 5_200, answer: 'yes' },
    { questionId: '_no_media', at: T0 + 8_000, answer: `stopped|${T0 + 14_000}` },
    { questionId: '_no_media', at: T0 + 60_000, answer: 'no_rtp|' },
  ],
});

describe('no audio from the customer in the QA replay', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('no-media markers become spans (the last one open to the end) and never questions', () => {
    const t = buildTimeline(silent);
    expect(t.questions.map((q) => q.questionId)).toEqual(['identity']);
    expect(t.noMedia.map((s) => [s.fromMs, s.toMs])).toEqual([
      [8_000, 14_000],
      [60_000, null],
    ]);
  });

  it('the list flags the session 无声音 and the player lists the spans with their reasons', async () => {
    installReviewHost({ session: silent });
    fakeHandlers.set('session:list', () => ROWS.map((r) => (r.caseId === 'P2026000123' ? { ...r, noMedia: true } : r)));
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={{ label: '退出登录', run: () => undefined }} escapeExits={false} />);
    const row = await screen.findByRole('option', { name: /P2026000123/ });
    expect(row).toHaveTextContent('无声音');
    expect(screen.getByRole('option', { name: /P2026000555/ })).not.toHaveTextContent('无声音');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    const list = within(await screen.findByRole('list', { name: '无声音' }));
    expect(list.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['00:08–00:14 无声音：客户的语音中断', '01:00–结束 无声音：收不到客户的语音']);
  });
});
