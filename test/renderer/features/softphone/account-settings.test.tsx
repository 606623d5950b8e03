import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/ipc/ipc-error';
import { AccountSettings } from '../../../../renderer/features/softphone/account-settings';
import { fakeHandlers } from '../../../setup/fake-huifang';

const stored = {
  sipUri: 'sip:1001@pbx.example.cn',
  authUser: '1001',
  displayName: '坐席 1001',
  callerId: '95500',
  wsUrl: 'wss://pbx.example.cn:7443',
  dialPrefix: '9',
  ringTimeoutSec: 45,
  iceServers: [],
  iceGatheringTimeoutMs: 500,
};

describe('softphone account settings form', () => {
  it('an agent edits their own account; proxy, caller ID, prefix and ring time are read-only; the stored password is kept when left empty', async () => {
    const saves: unknown[] = [];
    fakeHandlers.set('softphone:getConfig', () => ({ config: stored, hasPassword: true, managedByCentre: false }));
    fakeHandlers.set('softphone:saveConfig', (req) => {
      saves.push(req);
      return { config: (req as { config: typeof stored }).config, hasPassword: true, managedByCentre: false };
    });
    render(<AccountSettings isAdmin={false} onClose={() => undefined} />);
    const form = within(await screen.findByRole('form', { name: '软电话账号设置' }));
    expect(form.getByRole('textbox', { name: /代理服务器/ })).toHaveAttribute('readonly');
    expect(form.getByRole('textbox', { name: '外显号码' })).toHaveAttribute('readonly');
    expect(form.getByRole('textbox', { name: /SIP 地址/ })).not.toHaveAttribute('readonly');
    const user = userEvent.setup();
    const uri = form.getByRole('textbox', { name: /SIP 地址/ });
    await user.clear(uri);
    await user.type(uri, 'sip:1002@pbx.example.cn');
    // The digest user followed the SIP address.
    expect(form.getByRole('textbox', { name: '认证用户名' })).toHaveValue('1002');
    await user.click(form.getByRole('button', { name: '保存' }));
    expect(await form.findByText(/已保存/)).toBeInTheDocument();
    expect(saves).toEqual([{ config: { ...stored, sipUri: 'sip:1002@pbx.example.cn', authUser: '1002' } }]);
  });

  it('names the invalid field, never sends it, and shows the host’s refusal as it is', async () => {
    const saves: unknown[] = [];
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    fakeHandlers.set('softphone:saveConfig', (req) => {
      saves.push(req);
      throw new DomainError('本机尚未由管理员设置代理服务器，请联系管理员。');
    });
    render(<AccountSettings isAdmin={true} onClose={() => undefined} />);
    const form = within(await screen.findByRole('form', { name: '软电话账号设置' }));
    const user = userEvent.setup();
    await user.type(form.getByRole('textbox', { name: /SIP 地址/ }), '1001');
    await user.type(form.getByRole('textbox', { name: /代理服务器/ }), 'http://pbx');
    await user.click(form.getByRole('button', { name: '保存' }));
    expect(form.getByText('格式应为 sip:分机@域名')).toBeInTheDocument();
    expect(form.getByText(/格式应为 wss:/)).toBeInTheDocument();
    expect(saves).toHaveLength(0);
    await user.clear(form.getByRole('textbox', { name: /SIP 地址/ }));
    await user.type(form.getByRole('textbox', { name: /SIP 地址/ }), 'sip:1001@pbx.example.cn');
    await user.clear(form.getByRole('textbox', { name: /代理服务器/ }));
    await user.type(form.getByRole('textbox', { name: /代理服务器/ }), 'wss://pbx.example.cn:7443');
    await user.click(form.getByRole('button', { name: '保存' }));
    expect(form.getByRole('alert')).toHaveTextContent('请填写 SIP 密码');
    await user.type(form.getByLabelText('SIP 密码'), 'secret');
    await user.click(form.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(form.getByRole('alert')).toHaveTextContent('本机尚未由管理员设置代理服务器'));
    expect(saves).toEqual([
      { config: expect.objectContaining({ sipUri: 'sip:1001@pbx.example.cn', authUser: '1001', wsUrl: 'wss://pbx.example.cn:7443' }), password: 'secret' },
    ]);
  });

  it('an account handed out by the centre (README → SIP accounts from the centre) is shown read-only, with no password field and no save: agents never type SIP settings', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: stored, hasPassword: true, managedByCentre: true }));
    render(<AccountSettings isAdmin={false} onClose={() => undefined} />);
    const form = within(await screen.findByRole('form', { name: '软电话账号设置' }));
    for (const name of [/SIP 地址/, '认证用户名', '显示名', /代理服务器/]) expect(form.getByRole('textbox', { name })).toHaveAttribute('readonly');
    expect(form.getByRole('note')).toHaveTextContent('SIP 账号由案件中心按工号下发');
    expect(form.queryByLabelText('SIP 密码')).toBeNull();
    expect(form.queryByRole('button', { name: '保存' })).toBeNull();
  });
});
