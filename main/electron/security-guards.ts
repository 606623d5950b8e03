import { app, shell, type HIDDevice, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { HidGrants } from './hid-grants';

/**
 * Permissions the workstation needs: microphone capture and speaker/ringer selection, desktop
 * notifications for callbacks falling due, and WebHID for the headset's call buttons (which device:
 * `HidGrants`). Everything else is denied.
 */
const ALLOWED_PERMISSIONS = new Set(['media', 'speaker-selection', 'notifications', 'hid']);

/** True for permission requests we grant: audio only, from our own origin. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  details?: { mediaTypes?: readonly string[]; mediaType?: string },
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission) || !isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return true;
  const types = details?.mediaTypes ?? (details?.mediaType ? [details.mediaType] : []);
  // A check (no media types given) or an audio-only request is allowed; video is not.
  return types.every((t) => t === 'audio');
}

/** Installs permission request and check handlers on a session: microphone/speaker, and the picked telephony headset. */
export function installPermissionHandlers(session: Session, hid: HidGrants = new HidGrants()): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl ?? webContents.getURL();
    callback(isPermissionAllowed(permission, url, details as { mediaTypes?: string[] }));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    return isPermissionAllowed(permission, requestingOrigin || details.requestingUrl, details as { mediaType?: string });
  });
  session.setDevicePermissionHandler((details) => details.deviceType === 'hid' && isAppUrl(details.origin) && hid.allows(details.device as HIDDevice));
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(hid.choose(details.deviceList)?.deviceId ?? null);
  });
}

/** Only http(s) links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * One global guard for every web contents: no navigation away from our origin, no new windows
 * (http(s) links open in the system browser), no webviews.
 */
export function installNavigationGuards(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
