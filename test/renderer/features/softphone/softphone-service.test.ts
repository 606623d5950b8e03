import { describe, expect, it, vi } from 'vitest';
import { emitFakeEvent, fakeHandlers } from '../../../setup/fake-huifang';
import { SoftphoneService } from '../../../../renderer/features/softphone/softphone-service';
import { createTrainingLine } from '../../../../renderer/features/training/training-line';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneSnapshot } from '../../../../renderer/features/softphone/softphone-state';

function sink() {
  let state: SoftphoneSnapshot = INITIAL_SOFTPHONE;
  return { get: () => state, dispatch: (a: Parameters<typeof softphoneReducer>[1]) => (state = softphoneReducer(state, a)) };
}

describe('SoftphoneService without an account', () => {
  it('says the account is not configured, and a dial fails as not registered (network) without throwing', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    const store = sink();
    const phone = new SoftphoneService(window.huifang, store);
    await phone.start();
    expect(store.get().registration).toBe('unconfigured');
    const result = await phone.dial('2001');
    expect(result).toMatchObject({ kind: 'failed', attempt: 'network' });
    if (result.kind === 'failed') expect(result.reason).toContain('未注册');
    await phone.dispose();
  });

  it('a missing password is a readable registration failure', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({
      config: {
        sipUri: 'sip:1001@127.0.0.1',
        authUser: '1001',
        displayName: '',
        callerId: '',
        wsUrl: 'ws://127.0.0.1:1',
        dialPrefix: '',
        ringTimeoutSec: 45,
        iceServers: [],
        iceGatheringTimeoutMs: 500,
      },
      hasPassword: false,
    }));
    fakeHandlers.set('softphone:credentials', () => {
      throw new Error('尚未保存软电话密码');
    });
    const store = sink();
    const phone = new SoftphoneService(window.huifang, store);
    await phone.start();
    expect(store.get().registration).toBe('failed');
    expect(store.get().registrationDetail).toContain('尚未保存软电话密码');
    await phone.dispose();
  });

  it('the global hang-up shortcut event hangs up; a blocked phone refuses to dial with the reason', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    const phone = new SoftphoneService(window.huifang, sink());
    const hangup = vi.spyOn(phone, 'hangup');
    await phone.start();
    emitFakeEvent('softphone:hangupRequested', { source: 'shortcut' });
    expect(hangup).toHaveBeenCalledTimes(1);
    phone.setDialBlocked('录音无法启动');
    expect(await phone.dial('2001')).toMatchObject({ kind: 'failed', attempt: 'network', reason: '当前禁止呼出：录音无法启动' });
    await phone.dispose();
  });

  it('Ctrl+Shift+H in the window hangs up / cancels (the browser host has no global shortcut)', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    const phone = new SoftphoneService(window.huifang, sink());
    const hangup = vi.spyOn(phone, 'hangup');
    await phone.start();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', ctrlKey: true, shiftKey: true }));
    expect(hangup).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', ctrlKey: true })); // Ctrl+H is not it
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', shiftKey: true }));
    expect(hangup).toHaveBeenCalledTimes(1);
    await phone.dispose();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', ctrlKey: true, shiftKey: true }));
    expect(hangup).toHaveBeenCalledTimes(1);
  });

  it('a DTMF key that cannot be sent is told to the agent, not dropped silently', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    const store = sink();
    const phone = new SoftphoneService(window.huifang, store);
    await phone.start();
    expect(await phone.sendDtmf('5')).toBe('failed');
    expect(store.get().notices.at(-1)).toMatchObject({ level: 'warning', text: expect.stringContaining('按键 5 未能发送') });
    await phone.dispose();
  });

  it('going offline shows 网络断开 and a notice', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    const store = sink();
    const phone = new SoftphoneService(window.huifang, store);
    await phone.start();
    store.dispatch({ type: 'registration', state: 'registered' });
    window.dispatchEvent(new Event('offline'));
    expect(store.get().registration).toBe('offline');
    expect(store.get().notices.at(-1)?.text).toContain('网络已断开');
    await phone.dispose();
  });
});

describe('SoftphoneService: the training line (README "The training line")', () => {
  const account = {
    sipUri: 'sip:1001@127.0.0.1',
    authUser: '1001',
    displayName: '',
    callerId: '',
    wsUrl: 'ws://127.0.0.1:1',
    dialPrefix: '',
    ringTimeoutSec: 45,
    iceServers: [],
    iceGatheringTimeoutMs: 500,
  };

  it('without an account the desk registers on the training line (a real sip.js REGISTER over the in-process switchboard) and is ready to dial; nobody outside can reach it', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: null, hasPassword: false, managedByCentre: false }));
    const line = createTrainingLine({ cues: { current: () => null, subscribe: () => () => undefined } });
    const store = sink();
    const phone = new SoftphoneService(window.huifang, store, undefined, () => line);
    await phone.start();
    await vi.waitFor(() => expect(store.get().registration).toBe('registered'));
    expect(store.get().line).toBe('training');
    expect(phone.dialReadiness()).toBeNull();
    expect(phone.sipAddress()).toBeNull();
    await phone.dispose();
    await line.stop();
  });

  it('an administrator’s practice setting puts a desk with an account on the training line, and back on its account when lifted', async () => {
    fakeHandlers.set('softphone:getConfig', () => ({ config: account, hasPassword: true, managedByCentre: false }));
    fakeHandlers.set('softphone:credentials', () => ({ authUser: '1001', password: 'pw' }));
    const line = createTrainingLine({ cues: { current: () => null, subscribe: () => () => undefined } });
    const store = sink();
    const phone = new SoftphoneService(window.huifang, store, undefined, () => line);
    await phone.start();
    expect(store.get().line).toBe('sip');
    await phone.setTrainingPreferred(true);
    await vi.waitFor(() => expect(store.get().registration).toBe('registered'));
    expect(store.get().line).toBe('training');
    await phone.setTrainingPreferred(false);
    expect(store.get().line).toBe('sip');
    expect(phone.sipAddress()).toBe('sip:1001@127.0.0.1');
    await phone.dispose();
    await line.stop();
  });
});
