import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { OwnCallReplay } from '../../../../renderer/features/review/own-call-replay';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { installReviewHost, stubObjectUrls } from './fixtures';

describe('an agent replays their own call for the items QA failed (README "QA evaluations", the agent’s side)', () => {
  it('a call of this desk opens in the player at once, with the failed items named above it', async () => {
    installReviewHost();
    stubObjectUrls();
    const fetch = vi.fn();
    fakeHandlers.set('archive:fetch', fetch);
    render(<OwnCallReplay sessionId="sess-0001-abcdef" failedItems={['pace', 'identity_first']} onBack={() => undefined} />);
    expect(await screen.findByLabelText('录音播放器', { selector: 'audio' })).toBeInTheDocument();
    expect(screen.getByText(/^质检不合格项：/)).toHaveTextContent('记入审计日志');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a call made on another desk is fetched from the centre first; a refusal says why and offers the way back', async () => {
    installReviewHost({ getRefusal: '没有这个通话记录' });
    const fetch = vi.fn(() => ({ kind: 'refused', code: 'forbidden', message: '该通话的质检没有不合格项，坐席不能调听' }));
    fakeHandlers.set('archive:fetch', fetch);
    const back = vi.fn();
    render(<OwnCallReplay sessionId="sess-0009-abcdef" failedItems={['pace']} onBack={back} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('该通话的质检没有不合格项，坐席不能调听');
    expect(fetch).toHaveBeenCalledWith({ sessionId: 'sess-0009-abcdef', playable: true });
    screen.getByRole('button', { name: '返回工作台' }).click();
    expect(back).toHaveBeenCalled();
  });
});
