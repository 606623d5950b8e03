import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/ipc/ipc-error';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { PLAYBACK_HANDLE, QA, installReviewHost, stubObjectUrls } from './fixtures';

const exit = { label: '退出登录', run: () => undefined };
const FIRST = 64 * 1024;
const TOTAL = FIRST + 512 * 1024;

/**
 * jsdom has no MediaSource: this stands in for Chromium's, recording what the player appends. The
 * real one is exercised in Chromium by test/e2e/qa-review.test.ts and bench/lib/qa-open.ts.
 */
class FakeSourceBuffer extends EventTarget {
  readonly appended: number[] = [];
  appendBuffer(bytes: Uint8Array): void {
    this.appended.push(bytes.length);
    setTimeout(() => this.dispatchEvent(new Event('updateend')));
  }
}
class FakeMediaSource extends EventTarget {
  static last: FakeMediaSource | null = null;
  static isTypeSupported = (type: string) => type.startsWith('audio/webm');
  readyState = 'closed';
  buffer: FakeSourceBuffer | null = null;
  ended = false;
  constructor() {
    super();
    FakeMediaSource.last = this;
    setTimeout(() => {
      this.readyState = 'open';
      this.dispatchEvent(new Event('sourceopen'));
    });
  }
  addSourceBuffer(): FakeSourceBuffer {
    return (this.buffer = new FakeSourceBuffer());
  }
  endOfStream(): void {
    this.ended = true;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function openSample(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('option', { name: /P2026000123/ });
  await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
}

describe('QA replay streams the recording: it plays on the first range (README "Evidence archive")', () => {
  beforeEach(() => {
    useReviewStore.getState().reset();
    (globalThis as { MediaSource?: unknown }).MediaSource = FakeMediaSource;
  });
  afterEach(() => {
    delete (globalThis as { MediaSource?: unknown }).MediaSource;
  });

  it('the player is there with the first 64 KiB appended while the rest is still being read; all of it ends the stream, then the handle closes', async () => {
    const host = installReviewHost();
    stubObjectUrls();
    const rest = deferred();
    fakeHandlers.set('playback:open', () => ({ handle: PLAYBACK_HANDLE, mimeType: 'audio/webm;codecs=opus', totalBytes: TOTAL, durationMs: 95_000 }));
    fakeHandlers.set('playback:read', async (req) => {
      const { offset, length } = req as { offset: number; length: number };
      if (offset > 0) await rest.promise;
      const n = Math.min(length, TOTAL - offset);
      return { offset, data: Buffer.alloc(n).toString('base64'), totalBytes: TOTAL, integrity: offset > 0 ? 'verified' : 'pending' };
    });
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    const audio = await screen.findByLabelText('录音播放器', { selector: 'audio' });
    expect(audio.getAttribute('src')).toBe('blob:fake-1');
    await expect.poll(() => FakeMediaSource.last?.buffer?.appended).toEqual([FIRST]);
    expect(FakeMediaSource.last!.ended).toBe(false);
    expect(host.close).not.toHaveBeenCalled();

    rest.resolve();
    await expect.poll(() => FakeMediaSource.last!.ended).toBe(true);
    expect(FakeMediaSource.last!.buffer!.appended).toEqual([FIRST, TOTAL - FIRST]);
    await expect.poll(() => host.close.mock.calls.length).toBe(1);
  });

  it('a tampered frame met while streaming stops the player with the reason (docs/domain.md §9)', async () => {
    installReviewHost();
    stubObjectUrls();
    fakeHandlers.set('playback:open', () => ({ handle: PLAYBACK_HANDLE, mimeType: 'audio/webm;codecs=opus', totalBytes: TOTAL, durationMs: 95_000 }));
    fakeHandlers.set('playback:read', (req) => {
      const { offset } = req as { offset: number };
      if (offset > 0) throw new DomainError('录音无法播放：录音文件校验失败，可能被篡改（第 1 帧）。');
      return { offset, data: Buffer.alloc(FIRST).toString('base64'), totalBytes: TOTAL, integrity: 'pending' };
    });
    const user = userEvent.setup();
    const { container } = render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('可能被篡改（第 1 帧）');
    expect(container.querySelector('audio')).toBeNull();
  });
});
