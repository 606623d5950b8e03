import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SoftphonePanel } from '../../../../renderer/features/softphone/softphone-panel';
import { resetSoftphoneStore, useSoftphoneStore } from '../../../../renderer/features/softphone/softphone-store';
import type { SoftphoneAction } from '../../../../renderer/features/softphone/softphone-state';
import { maskPhone } from '../../../../shared/domain/masking';

function fakePhone() {
  return {
    dial: vi.fn(async () => ({ kind: 'connected' as const, callId: 'c1' })),
    hangup: vi.fn(async () => undefined),
    setMuted: vi.fn(),
    setHold: vi.fn(async () => true),
    sendDtmf: vi.fn(async () => 'rfc4733' as const),
    chooseDevice: vi.fn(async () => undefined),
    testMicrophone: vi.fn(async () => true),
    extension: { edit: vi.fn(), sendNow: vi.fn(async () => undefined), drop: vi.fn() },
  };
}
const apply = (...actions: SoftphoneAction[]) => act(() => actions.forEach((a) => useSoftphoneStore.getState().dispatch(a)));

afterEach(() => act(() => resetSoftphoneStore()));

describe('SoftphonePanel shows the truth', () => {
  it('cannot dial until registered, then dials the typed number from the keyboard', async () => {
    const phone = fakePhone();
    render(<SoftphonePanel phone={phone} />);
    expect(screen.getByRole('status', { name: '注册状态' })).toHaveTextContent('未设置账号');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('电话号码'), '13800138000');
    expect(screen.getByRole('button', { name: '拨打' })).toBeDisabled();
    apply({ type: 'registration', state: 'registered' });
    expect(await screen.findByText('已注册')).toBeInTheDocument();
    await user.type(screen.getByLabelText('电话号码'), '{Enter}');
    expect(phone.dial).toHaveBeenCalledWith('13800138000');
  });

  it('shows 重连中 with the attempt number while the proxy is away', () => {
    render(<SoftphonePanel phone={fakePhone()} />);
    apply({ type: 'registration', state: 'registered' }, { type: 'reconnectScheduled', attempt: 2 });
    expect(screen.getByRole('status', { name: '注册状态' })).toHaveTextContent('重连中 · 第 2 次重连');
  });

  it('offers cancel while ringing and hang-up, mute, hold and keypad once connected', async () => {
    const phone = fakePhone();
    render(<SoftphonePanel phone={phone} />);
    apply({ type: 'registration', state: 'registered' }, { type: 'dialStarted', number: '2001', caseId: null, at: Date.now() }, { type: 'progress' });
    expect(screen.getByRole('status', { name: '通话状态' })).toHaveTextContent('振铃 · 2001');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '取消呼叫（Ctrl+Shift+H）' }));
    expect(phone.hangup).toHaveBeenCalledTimes(1);
    apply({ type: 'established', callId: 'c1', at: Date.now() });
    expect(screen.getByRole('status', { name: '通话状态' })).toHaveTextContent('通话中');
    expect(screen.getByLabelText('通话时长')).toHaveTextContent('00:00');
    await user.click(screen.getByRole('button', { name: '静音' }));
    expect(phone.setMuted).toHaveBeenCalledWith(true);
    await user.click(screen.getByRole('button', { name: '按键 5' }));
    expect(phone.sendDtmf).toHaveBeenCalledWith('5');
    await user.click(screen.getByRole('button', { name: '保持' }));
    expect(phone.setHold).toHaveBeenCalledWith(true);
  });

  it("a case's number is masked as in the case view; a number typed on the pad is shown in full", () => {
    render(<SoftphonePanel phone={fakePhone()} />);
    apply({ type: 'registration', state: 'registered' }, { type: 'dialStarted', number: '13900002004', caseId: 'P2026000001', at: 1 }, { type: 'progress' });
    const status = screen.getByRole('status', { name: '通话状态' });
    expect(status).toHaveTextContent('振铃 · 139****2004');
    apply({ type: 'established', callId: 'c1', at: 2 });
    expect(status).toHaveTextContent('通话中 · 139****2004');
    expect(status).not.toHaveTextContent('13900002004');
    apply({ type: 'callEnded', result: null }, { type: 'dialStarted', number: '13900002004', caseId: null, at: 3 });
    expect(status).toHaveTextContent('呼叫中 · 13900002004');
  });

  it('cancel and hang-up show their shortcut, Ctrl+Shift+H', () => {
    render(<SoftphonePanel phone={fakePhone()} />);
    apply({ type: 'registration', state: 'registered' }, { type: 'dialStarted', number: '2001', caseId: null, at: 1 });
    expect(screen.getByRole('button', { name: '取消呼叫（Ctrl+Shift+H）' })).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+H');
    apply({ type: 'established', callId: 'c1', at: 2 });
    expect(screen.getByRole('button', { name: '挂断（Ctrl+Shift+H）' })).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+H');
  });

  it('while the hold re-INVITE is pending it says so, not 保持; a failed hold stays 通话中', () => {
    render(<SoftphonePanel phone={fakePhone()} />);
    apply(
      { type: 'registration', state: 'registered' },
      { type: 'dialStarted', number: '2001', caseId: null, at: 1 },
      { type: 'established', callId: 'c1', at: 2 },
      { type: 'holdRequested' },
    );
    const status = screen.getByRole('status', { name: '通话状态' });
    expect(status).toHaveTextContent('正在切换保持…');
    expect(screen.getByRole('button', { name: '保持' })).toBeDisabled();
    apply({ type: 'holdResult', held: false });
    expect(status).toHaveTextContent('通话中');
    expect(status).not.toHaveTextContent('保持');
  });

  it('shows the last failed attempt with its reason, and a quality warning', () => {
    render(<SoftphonePanel phone={fakePhone()} />);
    apply(
      { type: 'dialStarted', number: '2001', caseId: null, at: 1 },
      { type: 'callEnded', result: { kind: 'failed', attempt: 'busy', sipCode: 486, reason: '对方忙 (486 Busy Here)' } },
    );
    expect(screen.getByLabelText('上次呼叫')).toHaveTextContent('占线 — 对方忙 (486 Busy Here)');
    apply(
      { type: 'dialStarted', number: '2001', caseId: null, at: 1 },
      { type: 'established', callId: 'c1', at: 2 },
      { type: 'quality', quality: { rttMs: 40, jitterMs: 5, lossPct: 12, mos: 3.1, degraded: true, packetsReceived: 1, packetsSent: 1, noMedia: false } },
    );
    expect(screen.getByRole('alert')).toHaveTextContent('通话质量下降');
  });

  it('an extension waits after answer: the agent sees it and can send it now or drop it; the masked number says it has one', async () => {
    const phone = fakePhone();
    render(<SoftphonePanel phone={phone} />);
    apply(
      { type: 'registration', state: 'registered' },
      { type: 'dialStarted', number: '075523456780', caseId: null, at: 1 },
      { type: 'established', callId: 'c1', at: 2 },
      { type: 'extension', extension: { digits: '12', phase: 'waiting', sendAt: 5000 } },
    );
    const group = screen.getByRole('group', { name: '分机号' });
    expect(within(group).getByRole('textbox', { name: '分机号' })).toHaveValue('12');
    await userEvent.setup().click(within(group).getByRole('button', { name: '立即拨分机' }));
    expect(phone.extension.sendNow).toHaveBeenCalledTimes(1);
    apply({ type: 'extension', extension: { digits: '12', phase: 'sent', sendAt: null } });
    expect(screen.getByText('已拨分机 12')).toHaveAttribute('data-phase', 'sent');
    expect(maskPhone('0755-2345678-12')).toBe('0755-***5678 转**');
    expect(maskPhone('0755-2345678转12')).toBe('0755-***5678 转**');
  });
});
