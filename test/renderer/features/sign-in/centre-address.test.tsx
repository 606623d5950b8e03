import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CentreAddress } from '../../../../shared/ipc/channels/center-address';
import { SignInScreen } from '../../../../renderer/features/sign-in/sign-in-screen';
import { useSessionStore } from '../../../../renderer/features/sign-in/session-store';
import { fakeHandlers } from '../../../setup/fake-huifang';

const MACHINE_FILE = 'C:\\ProgramData\\Huifang\\config.json';

function address(patch: Partial<CentreAddress>): CentreAddress {
  return { source: 'none', url: null, change: 'open', machineFile: MACHINE_FILE, machineFileError: null, ...patch };
}

/** The desk's address answers `current`; center:setAddress answers with `answer(request)` and records the requests. */
function desk(current: CentreAddress, answer: (req: { url: string; admin?: { staffNo: string; password: string } }) => unknown) {
  const requests: unknown[] = [];
  fakeHandlers.set('center:address', () => current);
  fakeHandlers.set('center:setAddress', (req) => {
    requests.push(req);
    return answer(req as { url: string });
  });
  render(<SignInScreen onSubmit={() => undefined} />);
  return requests;
}

beforeEach(() => useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null }));

// README "The case centre address": if there is none, the sign-in screen asks for it once; it is
// checked before it is kept, with a clear error for each failure; changing it later needs an administrator.
describe('the centre address on the sign-in screen', () => {
  it('a packaged desk with no address asks for it before anything else; each refusal is said plainly; the kept address leads to sign-in', async () => {
    const user = userEvent.setup();
    const requests = desk(address({}), (req) =>
      req.url.startsWith('http://')
        ? { kind: 'refused', problem: 'plain_http_remote', detail: 'centre.example.net:7441' }
        : { kind: 'kept', address: address({ source: 'kept', url: req.url, change: 'admin' }) },
    );
    const form = await screen.findByRole('form', { name: '连接案件中心' });
    expect(screen.queryByRole('form', { name: '坐席登录' })).toBeNull();
    expect(within(form).queryByRole('button', { name: '取消' })).toBeNull();
    expect(within(form).queryByLabelText('管理员工号')).toBeNull();
    await user.type(within(form).getByLabelText('中心地址'), 'http://centre.example.net:7441');
    await user.click(within(form).getByRole('button', { name: '检查并保存' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('拒绝以明文 HTTP 连接远程中心');
    expect(alert).toHaveTextContent('技术信息：centre.example.net:7441');
    await user.clear(within(form).getByLabelText('中心地址'));
    await user.type(within(form).getByLabelText('中心地址'), 'https://centre.example.net:7441');
    await user.click(within(form).getByRole('button', { name: '检查并保存' }));
    const signIn = await screen.findByRole('form', { name: '坐席登录' });
    expect(within(signIn).getByRole('status')).toHaveTextContent('已连接到案件中心 https://centre.example.net:7441');
    expect(signIn).toHaveTextContent('案件中心：https://centre.example.net:7441');
    expect(within(signIn).getByRole('button', { name: '更改中心地址…' })).toBeInTheDocument();
    expect(requests).toEqual([{ url: 'http://centre.example.net:7441' }, { url: 'https://centre.example.net:7441' }]);
  });

  it('with the embedded demo centre the desk signs in at once, names the demo centre and offers 连接中心… (which can be cancelled)', async () => {
    const user = userEvent.setup();
    desk(address({ source: 'embedded' }), () => ({ kind: 'refused', problem: 'not_a_centre', detail: 'HTTP 404' }));
    const signIn = screen.getByRole('form', { name: '坐席登录' });
    expect(await within(signIn).findByText('案件中心：内置演示中心（演示数据）')).toBeInTheDocument();
    expect(signIn).toHaveTextContent('演示账号：工号 1001，密码 demo1234');
    await user.click(within(signIn).getByRole('button', { name: '连接中心…' }));
    const form = screen.getByRole('form', { name: '连接案件中心' });
    await user.type(within(form).getByLabelText('中心地址'), 'https://www.example.com');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('该地址有应答，但不是回访案件中心');
    await user.click(within(form).getByRole('button', { name: '取消' }));
    expect(screen.getByRole('form', { name: '坐席登录' })).toBeInTheDocument();
  });

  it('a kept address changes only with an administrator; when the current centre is unreachable the screen sends IT to the machine-wide file', async () => {
    const user = userEvent.setup();
    const requests = desk(address({ source: 'kept', url: 'https://old.example.net', change: 'admin' }), () => ({
      kind: 'refused',
      problem: 'current_centre_unreachable',
      detail: 'https://old.example.net',
    }));
    await user.click(await screen.findByRole('button', { name: '更改中心地址…' }));
    const form = screen.getByRole('form', { name: '更改中心地址' });
    expect(form).toHaveTextContent(`请联系 IT 在本机全局配置文件 ${MACHINE_FILE} 中设置 centerUrl`);
    await user.type(within(form).getByLabelText('中心地址'), 'https://new.example.net');
    await user.type(within(form).getByLabelText('管理员工号'), '9001');
    await user.type(within(form).getByLabelText('管理员密码'), 'admin-pass');
    await user.click(within(form).getByRole('button', { name: '检查并保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('当前中心无法连接，无法验证管理员身份');
    expect(requests).toEqual([{ url: 'https://new.example.net', admin: { staffNo: '9001', password: 'admin-pass' } }]);
  });

  it('an address IT set in the machine-wide file is shown and cannot be changed from the desk', async () => {
    desk(address({ source: 'machine', url: 'https://centre.example.net', change: 'fixed' }), () => null);
    const signIn = screen.getByRole('form', { name: '坐席登录' });
    expect(await within(signIn).findByText('由 IT 在本机全局配置文件中设置；如需更改请联系 IT')).toBeInTheDocument();
    expect(signIn).toHaveTextContent('案件中心：https://centre.example.net');
    expect(within(signIn).queryByRole('button', { name: /中心/ })).toBeNull();
    expect(signIn).not.toHaveTextContent('演示账号');
  });

  it('a malformed machine-wide file is said on the sign-in screen, with its path, and the desk stays usable', async () => {
    desk(address({ source: 'none', machineFileError: { problem: 'not_json', detail: 'Unexpected end of JSON input' } }), () => null);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`本机全局配置文件 ${MACHINE_FILE} 无法使用（不是有效的 JSON），已忽略该文件。请联系 IT 修正。`);
    expect(alert).toHaveTextContent('Unexpected end of JSON input');
    expect(screen.getByRole('form', { name: '连接案件中心' })).toBeInTheDocument();
  });
});
