import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchivedSessionRow } from '../../../../shared/sync';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { emitFakeEvent, fakeHandlers } from '../../../setup/fake-huifang';
import { QA, ROWS, T0, controllableAudio, installReviewHost, stubObjectUrls } from './fixtures';

const exit = { label: '退出登录', run: () => undefined };

/** A session recorded on another desk and held only at the centre (README "Evidence archive"). */
const REMOTE: ArchivedSessionRow = {
  sessionId: 'sess-remote-abcdef',
  agentId: '1101',
  caseId: 'P2026000777',
  team: 'B',
  createdAt: new Date(T0 + 7_200_000).toISOString(),
  endedAt: new Date(T0 + 7_260_000).toISOString(),
  outcome: 'problem',
  kinds: ['forged_signature'],
  recordingSha256: 'a'.repeat(64),
  recordingBytes: 5_000_000,
  archivedAt: new Date(T0 + 7_300_000).toISOString(),
  recordingState: 'finalised',
  recovered: false,
  gapCount: 1,
  legalHold: false,
};

const rows = () => within(screen.getByRole('listbox', { name: '通话记录' })).getAllByRole('option');

function installCentre(fetchAnswer: () => unknown = () => ({ kind: 'ok', source: 'centre', bytes: 5_000_000 })) {
  const host = installReviewHost();
  const list = vi.fn(() => ({ kind: 'ok', items: [REMOTE] }));
  const fetch = vi.fn(fetchAnswer);
  const audit = vi.fn(() => ({ sent: true, waiting: 0 }));
  fakeHandlers.set('archive:list', list);
  fakeHandlers.set('archive:fetch', fetch);
  fakeHandlers.set('archive:audit', audit);
  return { ...host, list, fetch, audit };
}

describe('QA replay across desks: the centre archive in the list (README "Evidence archive")', () => {
  beforeEach(() => useReviewStore.getState().reset());

  it("lists the centre's sessions beside this desk's, newest first; a session only at the centre is marked 中心归档", async () => {
    installCentre();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    expect(rows().map((r) => r.getAttribute('data-session'))).toEqual(['sess-remote-abcdef', 'sess-0003-abcdef', 'sess-0002-abcdef', 'sess-0001-abcdef']);
    expect(rows()[0]).toHaveTextContent('中心归档');
    expect(rows()[0]).toHaveAttribute('data-origin', 'centre');
    expect(rows()[1]).not.toHaveTextContent('中心归档');
    expect(screen.getByText('共 4 条')).toBeInTheDocument();
  });

  it('the result and recording filters go to the centre too (result, recording gaps, on hold)', async () => {
    const host = installCentre();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    await user.selectOptions(screen.getByLabelText('回访结果'), 'problem');
    expect(host.list).toHaveBeenLastCalledWith(expect.objectContaining({ result: 'problem' }));
    await user.selectOptions(screen.getByLabelText('录音情况'), 'gaps');
    expect(host.list).toHaveBeenLastCalledWith(expect.objectContaining({ result: 'problem', recording: 'gaps' }));
    expect(rows().map((r) => r.getAttribute('data-session'))).toEqual(['sess-remote-abcdef']);
    await user.selectOptions(screen.getByLabelText('录音情况'), 'on_hold');
    expect(host.list).toHaveBeenLastCalledWith(expect.objectContaining({ hold: 'true' }));
  });

  it('a result the centre\'s check flagged is marked 结果存疑 with the flag named; the flag filter asks the centre for flagged sessions (center/README.md "Result checks")', async () => {
    installReviewHost();
    const list = vi.fn(() => ({ kind: 'ok', items: [{ ...REMOTE, resultFlags: ['override_without_reason'] }] }));
    fakeHandlers.set('archive:list', list);
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    const flag = within(rows()[0]).getByText('结果存疑');
    expect(flag).toHaveAttribute('title', '中心复核：改判未说明理由');
    expect(rows()[1]).not.toHaveTextContent('结果存疑');
    await user.selectOptions(screen.getByLabelText('录音情况'), 'result_flagged');
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ flagged: 'true' }));
    expect(rows().map((r) => r.getAttribute('data-session'))).toEqual(['sess-remote-abcdef']);
  });

  it('opening a session held only at the centre fetches it (progress shown), then plays it; a jump is reported as a seek', async () => {
    let finish: (v: unknown) => void = () => undefined;
    const host = installCentre(() => new Promise((resolve) => (finish = resolve)));
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    await user.keyboard('{Enter}');
    expect(await screen.findByText('正在从中心取回通话记录…')).toBeInTheDocument();
    act(() => emitFakeEvent('archive:fetchProgress', { sessionId: 'sess-remote-abcdef', received: 2_500_000, total: 5_000_000 }));
    expect(screen.getByText('正在从中心取回录音… 50%')).toBeInTheDocument();
    expect(host.get).not.toHaveBeenCalled();
    await act(async () => finish({ kind: 'ok', source: 'centre', bytes: 5_000_000 }));
    expect(host.fetch).toHaveBeenCalledWith({ sessionId: 'sess-remote-abcdef' });
    const audioEl = (await screen.findByLabelText('录音播放器', { selector: 'audio' })) as HTMLAudioElement;
    expect(host.get).toHaveBeenCalledWith({ sessionId: 'sess-remote-abcdef' });
    const audio = controllableAudio(audioEl);
    await user.keyboard('3');
    expect(audio.state.currentTime).toBe(25);
    expect(host.audit).toHaveBeenCalledWith({ sessionId: 'sess-remote-abcdef', action: 'seek', positionMs: 25_000, questionId: 'insurance_nature' });
  });

  it('a fetch that fails says why and stays on the list; offline says the centre cannot be reached', async () => {
    installCentre(() => ({ kind: 'failed', message: '下载的录音校验值不符（abc…），已丢弃，请重试。' }));
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('取回该通话失败：下载的录音校验值不符');
    expect(screen.queryByRole('region', { name: '录音播放器' })).toBeNull();

    fakeHandlers.set('archive:fetch', () => ({ kind: 'offline', message: '无法连接案件中心' }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('无法连接案件中心，未能取回该通话：无法连接案件中心')).toBeInTheDocument();
  });

  it('a session of this desk whose audio the desk deleted after archiving shows 在中心; opening it fetches the audio back first, then plays it', async () => {
    const host = installCentre(() => ({ kind: 'ok', source: 'centre', bytes: 3 }));
    const local = ROWS.map((r, i) => (i === 0 ? { ...r, audioAtCentre: true } : r));
    fakeHandlers.set('session:list', () => local);
    stubObjectUrls();
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    const row = rows().find((r) => r.getAttribute('data-session') === local[0]!.id)!;
    expect(row).toHaveAttribute('data-origin', 'local');
    expect(row).toHaveTextContent('在中心');
    expect(rows().filter((r) => r.textContent?.includes('在中心'))).toHaveLength(1);
    await user.dblClick(row);
    await screen.findByLabelText('录音播放器', { selector: 'audio' });
    expect(host.fetch).toHaveBeenCalledWith({ sessionId: local[0]!.id });
    expect(host.fetch.mock.invocationCallOrder[0]!).toBeLessThan(host.playback.mock.invocationCallOrder[0]!);
  });

  it("with the centre offline this desk's sessions are still listed, with a note", async () => {
    installReviewHost();
    fakeHandlers.set('archive:list', () => ({ kind: 'offline', message: '无法连接案件中心' }));
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000999/ });
    expect(rows()).toHaveLength(3);
    expect(screen.getByText('案件中心暂不可用，仅显示本机的通话记录（无法连接案件中心）')).toBeInTheDocument();
  });
});
