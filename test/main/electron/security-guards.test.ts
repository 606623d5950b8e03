import { describe, expect, it, vi } from 'vitest';
import { app, session, shell } from '../../mocks/electron';
import { installNavigationGuards, installPermissionHandlers, isPermissionAllowed, isSafeExternalUrl } from '../../../main/electron/security-guards';

describe('permission handlers: microphone, speaker and callback notifications only, own origin only', () => {
  it('allows audio capture, speaker selection and notifications from app://huifang', () => {
    expect(isPermissionAllowed('media', 'app://huifang/index.html', { mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed('speaker-selection', 'app://huifang/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://huifang/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
  });

  it('denies video, screen, geolocation, notifications-from-elsewhere and foreign origins', () => {
    expect(isPermissionAllowed('media', 'app://huifang/', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionAllowed('media', 'app://huifang/', { mediaTypes: ['video'] })).toBe(false);
    // 'hid' is allowed for our origin since the headset's call buttons (which device: the device handler below).
    for (const p of ['geolocation', 'display-capture', 'clipboard-read', 'usb', 'serial', 'openExternal', 'midiSysex']) {
      expect(isPermissionAllowed(p, 'app://huifang/')).toBe(false);
    }
    expect(isPermissionAllowed('media', 'https://evil.example/', { mediaTypes: ['audio'] })).toBe(false);
  });

  it('installs both a request handler and a check handler', () => {
    installPermissionHandlers(session.defaultSession as never);
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const request = session.defaultSession.setPermissionRequestHandler.mock.calls[0][0] as (
      wc: unknown,
      p: string,
      cb: (ok: boolean) => void,
      d: unknown,
    ) => void;
    const answers: boolean[] = [];
    request({ getURL: () => 'app://huifang/' }, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://huifang/', mediaTypes: ['audio'] });
    request({ getURL: () => 'app://huifang/' }, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://huifang/', mediaTypes: ['video'] });
    request({ getURL: () => 'app://huifang/' }, 'geolocation', (ok) => answers.push(ok), { requestingUrl: 'app://huifang/' });
    expect(answers).toEqual([true, false, false]);
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls[0][0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', 'app://huifang', { mediaType: 'audio' })).toBe(true);
    expect(check(null, 'media', 'https://x.example', { mediaType: 'audio' })).toBe(false);
  });
});

describe('WebHID: only the telephony headset the agent picked', () => {
  const headset = { deviceId: 'h1', vendorId: 0x0b0e, productId: 0x2466, serialNumber: 'A1', collections: [{ usagePage: 0x0b }] };
  const keyboard = { deviceId: 'k1', vendorId: 0x046d, productId: 0xc31c, collections: [{ usagePage: 0x01 }] };

  it('select-hid-device grants the telephony device offered, never another; the device check allows only it, from our origin', () => {
    session.defaultSession.on.mockClear();
    session.defaultSession.setDevicePermissionHandler.mockClear();
    installPermissionHandlers(session.defaultSession as never);
    const [event, select] = session.defaultSession.on.mock.calls[0] as unknown as [string, (e: unknown, d: unknown, cb: (id: string | null) => void) => void];
    expect(event).toBe('select-hid-device');
    const device = session.defaultSession.setDevicePermissionHandler.mock.calls[0][0] as (d: unknown) => boolean;
    expect(device({ deviceType: 'hid', origin: 'app://huifang', device: headset })).toBe(false); // not picked yet
    const picked: (string | null)[] = [];
    const prevent = vi.fn();
    select({ preventDefault: prevent }, { deviceList: [keyboard] }, (id) => picked.push(id));
    select({ preventDefault: prevent }, { deviceList: [keyboard, headset] }, (id) => picked.push(id));
    expect(picked).toEqual([null, 'h1']);
    expect(prevent).toHaveBeenCalledTimes(2);
    expect(device({ deviceType: 'hid', origin: 'app://huifang', device: { ...headset, deviceId: 'h1-again' } })).toBe(true);
    expect(device({ deviceType: 'hid', origin: 'https://x.example', device: headset })).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'app://huifang', device: keyboard })).toBe(false);
    expect(device({ deviceType: 'usb', origin: 'app://huifang', device: headset })).toBe(false);
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls.at(-1)![0] as (...a: unknown[]) => boolean;
    expect(check(null, 'hid', 'app://huifang', {})).toBe(true);
    expect(check(null, 'hid', 'https://x.example', {})).toBe(false);
  });
});

describe('navigation guard for every web contents', () => {
  it('blocks navigation away, new windows and webviews; opens only http(s) externally', () => {
    installNavigationGuards();
    const created = app.listeners.get('web-contents-created')?.at(-1) as (e: unknown, wc: unknown) => void;
    const handlers = new Map<string, (e: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (e: { preventDefault: () => void }, url?: string) => void) => handlers.set(name, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    created({}, contents);

    const prevented = (name: string, url?: string) => {
      let blocked = false;
      handlers.get(name)?.({ preventDefault: () => (blocked = true) }, url);
      return blocked;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://huifang/index.html')).toBe(false);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);

    expect(openHandler?.({ url: 'https://help.example/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://help.example/');
    shell.openExternal.mockClear();
    expect(openHandler?.({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'smb://host/share' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('isSafeExternalUrl accepts only http and https', () => {
    expect(isSafeExternalUrl('https://a.example')).toBe(true);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});
