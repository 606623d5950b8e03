import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { ADMIN, PLAYBACK_HANDLE, QA, controllableAudio, installReviewHost, sampleSession, stubObjectUrls } from './fixtures';

const exit = { label: '退出登录', run: () => undefined };

function rowTexts(): string[][] {
  return within(screen.getByRole('listbox', { name: '通话记录' }))
    .getAllByRole('option')
    .map((o) => [...o.querySelectorAll('span')].map((s) => s.textContent ?? ''));
}

async function openSample(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('option', { name: /P2026000123/ });
  await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
  return screen.findByRole('region', { name: '录音播放器' });
}

describe('QA replay: session list', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('lists sessions newest first with policy, agent, duration and zh-CN outcome and recording labels', async () => {
    installReviewHost();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000999/ });
    const rows = rowTexts();
    expect(rows.map((r) => r[0])).toEqual(['P2026000999', 'P2026000555', 'P2026000123']);
    expect(rows.map((r) => r[1])).toEqual(['1002', '1002', '1001']);
    expect(rows.map((r) => r[3])).toEqual(['00:30', '02:00', '01:43']);
    expect(rows.map((r) => r[4])).toEqual(['未接通（占线）', '标准件', '问题件']);
    expect(rows.map((r) => r[5])).toEqual(['无录音', '恢复', '录音中断']);
    expect(rows[0]![2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(screen.getByText('共 3 条')).toBeInTheDocument();
  });

  it('filters by policy number and by agent staff number; / focuses the filter', async () => {
    installReviewHost();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000999/ });
    await user.keyboard('/');
    expect(screen.getByLabelText('按保单号筛选')).toHaveFocus();
    await user.keyboard('555');
    expect(rowTexts().map((r) => r[0])).toEqual(['P2026000555']);
    expect(screen.getByText('显示 1 / 3 条')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('按保单号筛选'));
    await user.type(screen.getByLabelText('按坐席工号筛选'), '1001');
    expect(rowTexts().map((r) => r[0])).toEqual(['P2026000123']);
    await user.type(screen.getByLabelText('按坐席工号筛选'), '9');
    expect(screen.getByText('没有符合条件的通话记录')).toBeInTheDocument();
  });

  it('QA narrows the list by result, by recording trouble and by day', async () => {
    installReviewHost();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000999/ });
    await user.selectOptions(screen.getByRole('combobox', { name: '回访结果' }), '问题件');
    expect(rowTexts().map((r) => r[0])).toEqual(['P2026000123']);
    await user.selectOptions(screen.getByRole('combobox', { name: '回访结果' }), '未接通或未完成');
    expect(rowTexts().map((r) => r[0])).toEqual(['P2026000999']);
    await user.selectOptions(screen.getByRole('combobox', { name: '回访结果' }), '全部结果');
    await user.selectOptions(screen.getByRole('combobox', { name: '录音情况' }), '崩溃后恢复的录音');
    expect(rowTexts().map((r) => r[0])).toEqual(['P2026000555']);
    await user.selectOptions(screen.getByRole('combobox', { name: '录音情况' }), '全部录音');
    const day = rowTexts()[2]![2].slice(0, 10);
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: day } });
    expect(rowTexts().map((r) => r[0])).toContain('P2026000123');
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2020-01-01' } });
    expect(screen.getByText('没有符合条件的通话记录')).toBeInTheDocument();
  });

  it('↑/↓ move the selection and Enter opens the selected session; Esc goes back to the list', async () => {
    const host = installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000999/ });
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { name: /P2026000555/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}{Enter}');
    await screen.findByRole('heading', { name: '通话回放 P2026000123' });
    expect(host.get).toHaveBeenCalledWith({ sessionId: 'sess-0002-abcdef' });
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('listbox', { name: '通话记录' })).toBeInTheDocument();
  });

  it('a refused list shows the host’s reason', async () => {
    installReviewHost();
    const { fakeHandlers } = await import('../../../setup/fake-huifang');
    fakeHandlers.set('session:list', () => {
      throw new Error('未登录，无权查看通话记录列表。');
    });
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('未登录，无权查看通话记录列表。');
  });
});

describe('QA replay: session player', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it('shows each question as it was read, with the values the call had (not 〔产品名称〕 placeholders)', async () => {
    installReviewHost({ session: sampleSession({ scriptValues: { policyholderTitle: '杨女士' } }) });
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    const first = within(await screen.findByRole('listbox', { name: '回访问题' })).getAllByRole('option')[0];
    expect(first).toHaveTextContent('您好！请问是杨女士吗？');
    expect(screen.queryByText(/未保存当时的保单取值/)).toBeNull();
  });

  it('a session recorded before the values were kept says so beside its placeholder names', async () => {
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(await screen.findByText('本通话记录未保存当时的保单取值，问题中的〔…〕为占位名称')).toBeInTheDocument();
  });

  it('lists the questions asked in time order with answers and offsets from the recording start', async () => {
    installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    const items = within(await screen.findByRole('listbox', { name: '回访问题' })).getAllByRole('option');
    const cells = items.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent));
    expect(cells.map((c) => c[1])).toEqual(['00:05', '00:14', '00:25', '01:05']);
    expect(cells.map((c) => c[3])).toEqual(['是', '是', '不清楚', '否']);
    expect(cells[0]![2]).toBe('您好！请问是〔投保人称谓〕吗？');
    expect(items.map((li) => li.getAttribute('data-offset-ms'))).toEqual(['5200', '14900', '25000', '65400']);
    // The third falls inside the 00:20–00:30 gap: marked, and the gap is listed with its reason.
    expect(items[2]).toHaveTextContent('录音中断');
    expect(within(screen.getByRole('list', { name: '录音中断' })).getByRole('listitem')).toHaveTextContent('00:20–00:30 未录音：磁盘已满');
    expect(screen.getByTestId('review-outcome')).toHaveTextContent('问题件');
    expect(screen.getByText('客户称代签名')).toBeInTheDocument();
    expect(screen.getByTestId('review-recovered')).toHaveTextContent('否');
    expect(screen.getByTestId('review-legal-hold')).toHaveTextContent('未保全');
    expect(within(screen.getByRole('list', { name: '全部回答' })).getByText(/不清楚 → 是/)).toBeInTheDocument();
  });

  it('the facts name the result kinds and list the answers that were not a plain 是 first', async () => {
    installReviewHost({ session: sampleSession({ kinds: ['forged_signature'] }) });
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(await screen.findByTestId('review-kinds')).toHaveTextContent('代签名');
    const problems = within(screen.getByRole('list', { name: '非“是”的回答' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(problems).toHaveLength(2);
    expect(problems.join('|')).toMatch(/不清楚 → 是/);
    expect(problems.join('|')).toMatch(/否/);
  });

  it('an explanation cut off before the re-ask reads as such, never as "→ none"', async () => {
    installReviewHost({ session: sampleSession({ answers: { identity: 'yes', insurance_nature: 'unclear->none' } }) });
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(within(await screen.findByRole('list', { name: '全部回答' })).getByText(/不清楚 → 未再次询问（解释中通话结束）/)).toBeInTheDocument();
    expect(screen.queryByText(/none/)).toBeNull();
  });

  it('number keys, J/K + Enter and clicks jump the audio to the question’s second and play; the heard question is highlighted', async () => {
    const host = installReviewHost();
    const urls = stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    const audioEl = (await screen.findByLabelText('录音播放器', { selector: 'audio' })) as HTMLAudioElement;
    expect(audioEl.getAttribute('src')).toBe('blob:fake-1');
    expect(host.playback).toHaveBeenCalledWith({ sessionId: 'sess-0001-abcdef' });
    expect(host.read).toHaveBeenCalledWith({ handle: PLAYBACK_HANDLE, offset: 0, length: 64 * 1024 });
    const audio = controllableAudio(audioEl);

    await user.keyboard('3');
    expect(audio.state.currentTime).toBe(25);
    expect(audio.play).toHaveBeenCalledTimes(1);
    const items = () => within(screen.getByRole('listbox', { name: '回访问题' })).getAllByRole('option');
    expect(items()[2]).toHaveAttribute('aria-current', 'true');

    await user.keyboard('j'); // selection to the 4th
    await user.keyboard('{Enter}');
    expect(audio.state.currentTime).toBe(65.4);
    await user.keyboard('kk{Enter}');
    expect(audio.state.currentTime).toBe(14.9);

    await user.click(items()[0]!);
    expect(audio.state.currentTime).toBe(5.2);
    expect(audio.play).toHaveBeenCalledTimes(4);

    // Playing on: timeupdate moves the highlight to the question being heard.
    audio.state.currentTime = 30;
    fireEvent.timeUpdate(audioEl);
    expect(items()[2]).toHaveAttribute('aria-current', 'true');
    expect(items()[0]).not.toHaveAttribute('aria-current');

    await user.keyboard('{Escape}');
    await screen.findByRole('listbox', { name: '通话记录' });
    expect(urls.revoked).toEqual(['blob:fake-1']); // the decrypted audio does not outlive the screen
    expect(host.close).toHaveBeenCalledWith({ handle: PLAYBACK_HANDLE });
  });

  it('a refused playback shows the reason instead of a player, and the session details stay readable', async () => {
    installReviewHost({ playbackRefusal: '当前角色（agent）无权调听录音。' });
    stubObjectUrls();
    const user = userEvent.setup();
    const { container } = render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('无法播放录音：当前角色（agent）无权调听录音。');
    expect(container.querySelector('audio')).toBeNull();
    expect(screen.getByTestId('review-outcome')).toHaveTextContent('问题件');
  });

  it('a refused session shows the reason', async () => {
    installReviewHost({ getRefusal: '当前角色（agent）无权查看该通话记录，只能查看本人的通话记录。' });
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('无法打开通话记录：当前角色（agent）无权查看该通话记录，只能查看本人的通话记录。');
  });

  it('an administrator places a legal hold with a reason (required) and lifts it; QA sees no such control', async () => {
    const host = installReviewHost();
    stubObjectUrls();
    const user = userEvent.setup();
    const { unmount } = render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await openSample(user);
    expect(screen.queryByRole('button', { name: '设置诉讼保全' })).toBeNull();
    unmount();
    useReviewStore.getState().reset();

    render(<ReviewScreen user={ADMIN} exit={exit} escapeExits={false} />);
    await openSample(user);
    await user.click(screen.getByRole('button', { name: '设置诉讼保全' }));
    const form = screen.getByRole('form', { name: '设置诉讼保全' });
    await user.click(within(form).getByRole('button', { name: '确认' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('请填写保全原因');
    expect(host.setLegalHold).not.toHaveBeenCalled();
    await user.type(within(form).getByLabelText('保全原因'), '（2026）民初 12 号');
    await user.click(within(form).getByRole('button', { name: '确认' }));
    expect(host.setLegalHold).toHaveBeenCalledWith({ sessionId: 'sess-0001-abcdef', hold: true, reason: '（2026）民初 12 号' });
    expect(await screen.findByTestId('review-legal-hold')).toHaveTextContent('保全中（（2026）民初 12 号）');
    await user.click(screen.getByRole('button', { name: '解除诉讼保全' }));
    await user.click(within(screen.getByRole('form', { name: '解除诉讼保全' })).getByRole('button', { name: '确认' }));
    expect(host.setLegalHold).toHaveBeenLastCalledWith({ sessionId: 'sess-0001-abcdef', hold: false, reason: null });
    await act(async () => undefined);
    expect(screen.getByTestId('review-legal-hold')).toHaveTextContent('未保全');
  });
});
