import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rememberSession } from '../../console/api/client';
import { sectionsFor } from '../../console/sections';
import { UsersScreen } from '../../console/features/admin/users-screen';
import { SipAccountsTable } from '../../console/features/admin/sip-accounts-table';
import { findUser } from '../../center/store/users-repo';
import { readAudit } from '../../center/store/audit-repo';
import type { TestCenter } from '../center/support/in-process-center';
import { consoleOnRealCentre } from './support/real-centre';

let center: TestCenter | undefined;
/** The centre answers over real HTTP on a shared machine: give it more than testing-library's 1 s. */
const SLOW = { timeout: 10_000 };

// README "Web console" → administration: the screens against a real centre in this process.
describe('administration screens', () => {
  afterEach(async () => {
    cleanup();
    vi.unstubAllGlobals();
    rememberSession(null);
    await center?.close();
    center = undefined;
  });

  it('only an administrator gets the administration screens', () => {
    expect(sectionsFor('admin').map((s) => s.key)).toEqual(expect.arrayContaining(['admin-users', 'admin-import', 'admin-assignment', 'admin-desk']));
    for (const role of ['branch', 'team_lead', 'qa', 'dept_head'] as const) expect(sectionsFor(role).some((s) => s.key.startsWith('admin-'))).toBe(false);
  });

  it('a new account with a staff number already in use shows the centre’s refusal in the form and the existing account is unchanged', async () => {
    center = await consoleOnRealCentre();
    render(<UsersScreen />);
    await screen.findByText('坐席甲', undefined, SLOW);
    await userEvent.click(screen.getByText('新建账号'));
    const dialog = await screen.findByRole('dialog', undefined, SLOW);
    // fireEvent, not userEvent typing: antd's form re-renders per keystroke, slow under jsdom on a shared machine.
    for (const [label, value] of [
      ['工号', '1001'],
      ['姓名', '冒名顶替'],
      ['团队', 'B'],
      ['初始密码', 'other-pass-1'],
    ])
      fireEvent.change(within(dialog).getByLabelText(label!), { target: { value } });
    fireEvent.click(within(dialog).getByText(/保\s*存/));
    expect(await within(dialog).findByText(/工号 1001 已存在，未作任何修改/, undefined, SLOW)).toBeTruthy();
    expect(await findUser(center.context.store, '1001')).toMatchObject({ name: '坐席甲', team: 'A' });
  }, 60_000);

  it('deactivating an account from its row stops it at the centre and the row says so', async () => {
    center = await consoleOnRealCentre();
    render(<UsersScreen />);
    await userEvent.click(await screen.findByLabelText('停用 1101', undefined, SLOW));
    await screen.findByLabelText('启用 1101', undefined, SLOW);
    expect(await findUser(center.context.store, '1101')).toMatchObject({ active: false });
    const row = screen.getByText('坐席丙').closest('tr')!;
    expect(within(row).getByText('已停用')).toBeTruthy();
  }, 60_000);

  it('a SIP password shows masked until revealed, and the reveal is in the audit log', async () => {
    center = await consoleOnRealCentre('9001', { archiveDir: mkdtempSync(path.join(tmpdir(), 'h-admin-console-keys-')) });
    const res = await fetch('/api/admin/sip-accounts/1002', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': (await (await fetch('/api/console/session')).json()).value.csrfToken },
      body: JSON.stringify({ config: { sipUri: 'sip:1002@pbx.example.cn', authUser: '1002', wsUrl: 'wss://pbx.example.cn/ws' }, password: 'digest-1002' }),
    });
    expect(res.status).toBe(200);
    render(<SipAccountsTable />);
    await screen.findByRole('cell', { name: 'sip:1002@pbx.example.cn' }, SLOW);
    expect(screen.queryByText('digest-1002')).toBeNull();
    expect(screen.getByText('••••••')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '显示 1002' }));
    await screen.findByText('digest-1002', undefined, SLOW);
    await waitFor(async () => expect(await readAudit(center!.context.store, { action: 'admin.sip_password_revealed' })).toHaveLength(1));
  }, 60_000);
});
