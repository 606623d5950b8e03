import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { QA, controllableAudio, installReviewHost, sampleSession, stubObjectUrls } from './fixtures';

const exit = { label: '退出登录', run: () => undefined };

async function openPlayer(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('option', { name: /P2026000123/ });
  await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
  const el = (await screen.findByLabelText('录音播放器', { selector: 'audio' })) as HTMLAudioElement;
  return { el, audio: controllableAudio(el), wave: screen.getByRole('region', { name: '录音波形' }) };
}

/**
 * A stand-in for the Web Audio decoder jsdom lacks: counts decodes and hands back a fixed stereo
 * buffer, loud on the left (agent) and quiet on the right (customer).
 */
function fakeDecoder() {
  const decoded: number[][] = [];
  class FakeOfflineAudioContext {
    decodeAudioData(buffer: ArrayBuffer) {
      decoded.push([...new Uint8Array(buffer)]);
      const left = new Float32Array(3000).fill(0.8);
      const right = new Float32Array(3000).fill(0.2);
      return Promise.resolve({ numberOfChannels: 2, duration: 1, getChannelData: (c: number) => (c === 0 ? left : right) });
    }
  }
  vi.stubGlobal('OfflineAudioContext', FakeOfflineAudioContext);
  return decoded;
}

describe('QA player waveform (README "Evidence archive": the QA player)', () => {
  beforeEach(() => useReviewStore.getState().reset());
  afterEach(() => vi.unstubAllGlobals());

  it('has a lane per channel, labelled agent then customer (the manifest: left = agent, right = customer)', async () => {
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    const { wave } = await openPlayer(user);
    expect(
      within(wave)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['坐席', '客户']);
  });

  it('draws each question as a marker at its offset, named by its number, time and text; a marker jumps there and plays', async () => {
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    const { wave, audio } = await openPlayer(user);
    const markers = within(wave).getAllByRole('button', { name: /^问题 \d/ });
    // The sample call is 95 s long; its questions sit at 5.2, 14.9, 25 and 65.4 s.
    expect(markers.map((m) => m.getAttribute('data-offset-pct'))).toEqual(['5.47', '15.68', '26.32', '68.84']);
    expect(markers[0]!.style.left).toBe('5.47%');
    expect(markers[0]).toHaveAccessibleName(/^问题 1（00:05）/);
    const listed = within(screen.getByRole('listbox', { name: '回访问题' })).getAllByRole('option');
    expect(markers[2]!.getAttribute('aria-label')).toContain(listed[2]!.querySelector('.review-q-text')!.textContent);
    await user.click(markers[2]!);
    expect(audio.state.currentTime).toBe(25);
    expect(audio.play).toHaveBeenCalledTimes(1);
  });

  it('←/→ move 5 s (never before the start) and are audited as seeks; ] and [ go to the next and previous question', async () => {
    installReviewHost();
    stubObjectUrls();
    const audit = vi.fn((req: unknown) => (void req, { sent: false, waiting: 0 }));
    fakeHandlers.set('archive:audit', audit);
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    const { audio } = await openPlayer(user);
    audio.state.currentTime = 30;
    await user.keyboard('{ArrowRight}');
    expect(audio.state.currentTime).toBe(35);
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(audio.state.currentTime).toBe(25);
    expect(audit).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'seek', positionMs: 25_000 }));
    audio.state.currentTime = 2;
    await user.keyboard('{ArrowLeft}');
    expect(audio.state.currentTime).toBe(0);

    await user.keyboard(']');
    expect(audio.state.currentTime).toBe(5.2);
    await user.keyboard(']]');
    expect(audio.state.currentTime).toBe(25);
    // Just after a question's start, [ goes to the one before it, not back to the same one.
    audio.state.currentTime = 25.5;
    await user.keyboard('[['); // '[[' is user-event's escape for one [
    expect(audio.state.currentTime).toBe(14.9);
    audio.state.currentTime = 40;
    await user.keyboard('[['); // '[[' is user-event's escape for one [
    expect(audio.state.currentTime).toBe(25);
    // The existing keys still work beside them.
    await user.keyboard('4');
    expect(audio.state.currentTime).toBe(65.4);
    await user.keyboard(']');
    expect(audio.state.currentTime).toBe(65.4);
  });

  it('-/+ and the speed buttons step through 0.75, 1, 1.25, 1.5 and 2× and stop at the ends', async () => {
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    const { el, wave } = await openPlayer(user);
    const speeds = within(within(wave).getByRole('group', { name: '播放速度' })).getAllByRole('button');
    expect(speeds.map((b) => b.textContent)).toEqual(['0.75×', '1×', '1.25×', '1.5×', '2×']);
    const pressed = () => speeds.filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent);
    expect(pressed()).toEqual(['1×']);
    await user.keyboard('+');
    expect(el.playbackRate).toBe(1.25);
    await user.keyboard('+++');
    expect(el.playbackRate).toBe(2);
    expect(pressed()).toEqual(['2×']);
    await user.keyboard('-----');
    expect(el.playbackRate).toBe(0.75);
    await user.click(speeds[3]!);
    expect(el.playbackRate).toBe(1.5);
    expect(pressed()).toEqual(['1.5×']);
  });

  it('a recording the host cannot decode keeps its markers and says why the waveform is missing', async () => {
    vi.stubGlobal('OfflineAudioContext', undefined);
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    const { wave } = await openPlayer(user);
    expect(await within(wave).findByText(/^无法绘制波形：/)).toBeInTheDocument();
    expect(within(wave).getAllByRole('button', { name: /^问题 \d/ })).toHaveLength(4);
  });

  it('a recording that carries the recorder’s waveform in its manifest is drawn from it: nothing is decoded', async () => {
    const decoded = fakeDecoder();
    const base = sampleSession();
    // 4 buckets a side: agent loud (255), customer quieter (64).
    const peaks = { bucketMs: 250, agent: btoa('\xff\xff\xff\xff'), customer: btoa('\x40\x40\x40\x40') };
    installReviewHost({ session: { ...base, recording: { ...base.recording, manifest: { ...base.recording.manifest!, peaks } } } });
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openPlayer(user);
    await vi.waitFor(() => expect(screen.queryByText('正在绘制波形…')).toBeNull());
    expect(screen.queryByText(/无法绘制波形/)).toBeNull();
    // The stream completes (3 bytes) and is still not decoded.
    await new Promise((r) => setTimeout(r, 50));
    expect(decoded).toEqual([]);
  });

  // Last: the peaks it computes stay cached for the rest of this file.
  it('decodes the streamed bytes once per recording: reopening the call uses the cached peaks', async () => {
    const decoded = fakeDecoder();
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openPlayer(user);
    await vi.waitFor(() => expect(screen.queryByText('正在绘制波形…')).toBeNull());
    expect(screen.queryByText(/无法绘制波形/)).toBeNull();
    expect(decoded).toEqual([[1, 2, 3]]);
    await user.keyboard('{Escape}');
    await openPlayer(user);
    expect(screen.queryByText('正在绘制波形…')).toBeNull();
    expect(decoded).toHaveLength(1);
  });
});
