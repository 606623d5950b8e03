import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OwnCallReplay } from '../../../../renderer/features/review/own-call-replay';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { installReviewHost, stubObjectUrls } from './fixtures';
import { QA_FORM, SCRIPTED_SESSION } from './scripted-call';

const form = QA_FORM;
const scripted = SCRIPTED_SESSION;

/** Seeks as the page sees them: every jump is reported to the centre's audit log with its position. */
const seeks = () => audit.mock.calls.map(([req]) => req as { action: string; positionMs: number }).filter((r) => r.action === 'seek');
const audit = vi.fn((_req: unknown) => ({ sent: true, waiting: 0 }));

describe('an agent replays their own call for the items QA failed (README "QA evaluations", the agent’s side)', () => {
  const media = ['currentTime', 'play'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, k)] as const);
  afterEach(() => {
    for (const [k, d] of media) if (d) Object.defineProperty(HTMLMediaElement.prototype, k, d);
    audit.mockClear();
  });

  it('opens at the first failed item where it is heard, and lists each failed item with a jump to its place (or none without a marker)', async () => {
    Object.defineProperty(HTMLMediaElement.prototype, 'currentTime', { configurable: true, get: () => 0, set: () => undefined });
    Object.defineProperty(HTMLMediaElement.prototype, 'play', { configurable: true, value: () => Promise.resolve() });
    installReviewHost({ session: scripted });
    stubObjectUrls();
    fakeHandlers.set('archive:audit', audit);
    fakeHandlers.set('qa:form', () => ({ kind: 'ok', value: { call: {}, form, evaluation: null, claimedBy: null } }));
    // Where the coverage question began: the marker before its first answer, from the recording's start.
    const sorted = [...scripted.markers].sort((a, b) => a.at - b.at);
    const first = sorted.findIndex((m) => m.questionId === 'coverage');
    const coverageAt = sorted[first - 1]!.at - scripted.recording.manifest!.startedAt;
    render(<OwnCallReplay sessionId={scripted.id} failedItems={['pace', 'coverage_term']} onBack={() => undefined} />);
    const list = await screen.findByRole('region', { name: '不合格项在录音中的位置' });
    await waitFor(() => expect(seeks()).toEqual([expect.objectContaining({ positionMs: coverageAt })]));
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual(['语速适当，未机械照读 无标记', '保险责任、责任免除及保险期间 跳到录音']);
    expect(within(rows[0]!).getByRole('button')).toBeDisabled();
    within(rows[1]!).getByRole('button').click();
    expect(seeks()).toHaveLength(2);
  });

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
