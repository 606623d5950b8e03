import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { isEventName, events, type EventName, type EventPayloadOf } from '../../shared/ipc/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/electron-channels';
import { ipcFail, type IpcResult } from '../../shared/ipc/ipc-error';
import type { IpcRouter } from '../ipc/ipc-router';
import { isAppUrl } from './app-origin';

/**
 * A sender is trusted only when it is the main frame of one of our own windows and that frame
 * shows our own `app://huifang` origin.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, ownWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!ownWebContentsIds.has(event.sender.id)) return false;
  return isAppUrl(frame.url);
}

/**
 * The one handler-registration helper for Electron: rejects foreign senders, then hands the call
 * to the router, which validates and returns typed errors. Returns an unregister function.
 * `ipcMain` is passed in (a capability), so the helper also runs in plain Node for benchmarks.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  router: IpcRouter,
  ownWebContentsIds: () => ReadonlySet<number>,
  log: (message: string) => void = () => undefined,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
    if (!isTrustedSender(event, ownWebContentsIds())) {
      log(`rejected IPC from foreign sender ${event.senderFrame?.url ?? '(no frame)'} on ${String(channel)}`);
      return ipcFail('forbidden_sender', '拒绝：调用方不是本应用窗口 (sender is not our window)');
    }
    return router.dispatch(channel, payload, { host: 'electron', callerId: `wc-${event.sender.id}` });
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Sends a validated event to the given web contents. Invalid payloads are a programming error. */
export function sendEvent<E extends EventName>(targets: readonly WebContents[], name: E, payload: EventPayloadOf<E>): void {
  if (!isEventName(name)) throw new Error(`Undeclared event ${String(name)}`);
  const checked = events[name].payload.parse(payload);
  for (const target of targets) if (!target.isDestroyed()) target.send(EVENT_CHANNEL, name, checked);
}
