import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchivedSessionRow, ExportRow } from '../../../../shared/sync';
import { App } from '../../../../renderer/app/app';
import { ReviewScreen } from '../../../../renderer/features/review/review-screen';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { useExportStore } from '../../../../renderer/features/review/export-store';
import { useSessionStore } from '../../../../renderer/features/sign-in/session-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { QA, T0, installReviewHost, stubObjectUrls } from './fixtures';

const exit = { label: '退出登录', run: () => undefined };

/** A session held at the centre with its recording (README "Evidence archive"): newest, so selected first. */
const ARCHIVED: ArchivedSessionRow = {
  sessionId: 'sess-remote-abcdef',
  agentId: '1101',
  caseId: 'P2026000777',
  team: 'B',
  createdAt: new Date(T0 + 7_200_000).toISOString(),
  endedAt: new Date(T0 + 7_260_000).toISOString(),
  outcome: 'problem',
  kinds: [],
  recordingSha256: 'a'.repeat(64),
  recordingBytes: 5_000_000,
  archivedAt: new Date(T0 + 7_300_000).toISOString(),
  recordingState: 'finalised',
  recovered: false,
  gapCount: 0,
  legalHold: false,
};

function exportRow(over: Partial<ExportRow>): ExportRow {
  return {
    id: 'EX-00000000000000a1',
    sessionId: ARCHIVED.sessionId,
    team: 'B',
    agentId: '1101',
    sessionCreatedAt: ARCHIVED.createdAt,
    requestedBy: '3001',
    requestedByName: '质检员',
    reason: '客户投诉复核',
    requestedAt: new Date(T0).toISOString(),
    state: 'pending',
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    expiresAt: null,
    downloadedAt: null,
    ...over,
  };
}

function installExports(mine: ExportRow[]) {
  installReviewHost();
  fakeHandlers.set('archive:list', () => ({ kind: 'ok', items: [ARCHIVED] }));
  fakeHandlers.set('export:mine', () => ({ kind: 'ok', items: mine }));
  const request = vi.fn((req: unknown) => {
    const row = exportRow({ id: 'EX-00000000000000b2', reason: (req as { reason: string }).reason });
    mine.unshift(row);
    return { kind: 'ok', row };
  });
  const download = vi.fn((): unknown => ({ kind: 'saved', path: '/home/qa/录音.webm', bytes: 1234 }));
  fakeHandlers.set('export:request', request);
  fakeHandlers.set('export:download', download);
  return { request, download };
}

describe('recording exports at the desk (README "Recording exports"; docs/domain.md §9: a copy only with the department head\'s approval)', () => {
  beforeEach(() => {
    useReviewStore.getState().reset();
    useExportStore.getState().reset();
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
  });

  it('申请导出 for an archived session by keyboard: the reason is required, Esc closes the form, the request appears in 我的导出申请', async () => {
    const { request } = installExports([]);
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findByRole('option', { name: /P2026000777/ });
    const ask = screen.getByRole('button', { name: '申请导出' });
    expect(ask).toBeEnabled();

    ask.focus();
    await user.keyboard('{Enter}');
    const reason = screen.getByRole('textbox', { name: '申请理由（必填）' });
    expect(reason).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    expect(ask).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.keyboard('{Tab}{Enter}'); // 提交申请 with no reason
    expect(await screen.findByRole('alert')).toHaveTextContent('请填写申请理由');
    expect(request).not.toHaveBeenCalled();

    await user.click(screen.getByRole('textbox', { name: '申请理由（必填）' }));
    await user.keyboard('监管检查需要');
    await user.keyboard('{Tab}{Enter}');
    expect(request).toHaveBeenCalledWith({ sessionId: ARCHIVED.sessionId, reason: '监管检查需要' });
    expect(await screen.findByRole('status')).toHaveTextContent('已提交导出申请 EX-00000000000000b2');
    const mine = screen.getByRole('region', { name: '我的导出申请' });
    expect(await within(mine).findByText('待审批')).toBeInTheDocument();
    expect(within(mine).queryByRole('button', { name: /下载/ })).toBeNull();
  });

  it('a session only on this desk (not archived) cannot be asked for', async () => {
    installExports([]);
    fakeHandlers.set('archive:list', () => ({ kind: 'ok', items: [] }));
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    await screen.findAllByRole('option');
    expect(screen.getByRole('button', { name: '申请导出' })).toBeDisabled();
    expect(screen.getByText('只有已归档到中心且有录音的通话可以申请导出。')).toBeInTheDocument();
  });

  it('下载 only for an approved, unexpired export; the saved copy is reported; the web host offers a browser download', async () => {
    const rows = [
      exportRow({
        id: 'EX-00000000000000c1',
        state: 'approved',
        status: 'approved',
        decidedBy: '8001',
        comment: '同意',
        expiresAt: new Date(T0 + 86_400_000).toISOString(),
      }),
      exportRow({ id: 'EX-00000000000000c2', state: 'approved', status: 'expired', expiresAt: new Date(T0).toISOString() }),
      exportRow({ id: 'EX-00000000000000c3', state: 'downloaded', status: 'downloaded' }),
      exportRow({ id: 'EX-00000000000000c4', state: 'refused', status: 'refused', comment: '理由不足', decidedBy: '8001' }),
    ];
    const { download } = installExports(rows);
    const user = userEvent.setup();
    render(<ReviewScreen user={QA} exit={exit} escapeExits={false} />);
    const mine = screen.getByRole('region', { name: '我的导出申请' });
    await within(mine).findByText('已过期');
    expect(within(mine).getAllByRole('button', { name: /^下载导出/ })).toHaveLength(1);
    expect(within(mine).getByText(/审批人 8001：理由不足/)).toBeInTheDocument();

    await user.click(within(mine).getByRole('button', { name: '下载导出 EX-00000000000000c1' }));
    expect(download).toHaveBeenCalledWith({ exportId: 'EX-00000000000000c1' });
    expect(await screen.findByRole('status')).toHaveTextContent('已保存到 /home/qa/录音.webm');

    const urls = stubObjectUrls();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    download.mockImplementation(() => ({ kind: 'offer', fileName: 'huifang-x.webm', base64: Buffer.from('webm').toString('base64') }));
    await user.click(within(mine).getByRole('button', { name: '下载导出 EX-00000000000000c1' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已开始下载 huifang-x.webm');
    expect(click).toHaveBeenCalledTimes(1);
    expect(urls.created).toHaveLength(1);
    click.mockRestore();

    download.mockImplementation(() => ({ kind: 'refused', code: 'downloaded', message: '该导出已下载过：每次审批只能下载一份。' }));
    await user.click(within(mine).getByRole('button', { name: '下载导出 EX-00000000000000c1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('每次审批只能下载一份');
  });

  it('the department head lands on 录音导出审批 (no workstation started), refuses only with a comment, approves', async () => {
    installReviewHost();
    const me = { staffNo: '8001', name: '部门负责人', role: 'dept_head', team: 'A', languages: ['mandarin'] };
    fakeHandlers.set('center:signIn', () => ({ kind: 'signed_in', user: me, mode: 'online' }));
    fakeHandlers.set('center:getStatus', () => ({
      phase: 'online',
      user: me,
      url: 'http://127.0.0.1:1',
      embedded: true,
      lastError: null,
      lastContactAt: null,
    }));
    let pending = [exportRow({}), exportRow({ id: 'EX-00000000000000d2', requestedBy: '2001', requestedByName: '组长' })];
    fakeHandlers.set('export:pending', () => ({ kind: 'ok', items: pending }));
    const decide = vi.fn((req: unknown) => {
      const r = req as { exportId: string; decision: string };
      pending = pending.filter((p) => p.id !== r.exportId);
      return {
        kind: 'ok',
        row: exportRow({ id: r.exportId, state: r.decision === 'approve' ? 'approved' : 'refused', status: r.decision === 'approve' ? 'approved' : 'refused' }),
      };
    });
    fakeHandlers.set('export:decide', decide);
    const parts = vi.fn();
    const user = userEvent.setup();
    render(<App parts={parts} />);
    await user.type(screen.getByLabelText('工号'), '8001');
    await user.type(screen.getByLabelText('密码'), 'demo1234');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: '录音导出审批' })).toBeInTheDocument();
    expect(screen.getByText(/8001.*· 部门负责人/)).toBeInTheDocument();
    expect(parts).not.toHaveBeenCalled();

    const first = (await screen.findByText('EX-00000000000000a1')).closest('li') as HTMLElement;
    await user.click(within(first).getByRole('button', { name: '拒绝' }));
    expect(within(first).getByRole('alert')).toHaveTextContent('拒绝须填写审批意见');
    expect(decide).not.toHaveBeenCalled();
    await user.type(within(first).getByRole('textbox', { name: '对 EX-00000000000000a1 的审批意见' }), '理由不足');
    await user.click(within(first).getByRole('button', { name: '拒绝' }));
    expect(decide).toHaveBeenCalledWith({ exportId: 'EX-00000000000000a1', decision: 'refuse', comment: '理由不足' });
    expect(await screen.findByRole('status')).toHaveTextContent('已拒绝 EX-00000000000000a1');
    expect(screen.queryByText('EX-00000000000000a1')).toBeNull();

    const second = screen.getByText('EX-00000000000000d2').closest('li') as HTMLElement;
    within(second).getByRole('button', { name: '批准' }).focus();
    await user.keyboard('{Enter}');
    expect(decide).toHaveBeenLastCalledWith({ exportId: 'EX-00000000000000d2', decision: 'approve', comment: '' });
    expect(await screen.findByText('暂无待审批的申请。')).toBeInTheDocument();
  });
});
