import { contextBridge, ipcRenderer } from 'electron';
import { createHuifangApi, type IpcTransport } from '../shared/ipc/client';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/ipc/electron-channels';
import type { IpcResult } from '../shared/ipc/ipc-error';

// Sandboxed preload: exposes exactly one frozen API generated from the contract.
// Never exposes ipcRenderer, process or any Node object.

/** The Electron transport: one invoke channel, one event channel. */
export function electronTransport(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): IpcTransport {
  return {
    invoke: (channel, payload) => renderer.invoke(INVOKE_CHANNEL, channel, payload) as Promise<IpcResult<unknown>>,
    subscribe(eventName, listener) {
      const handler = (_event: unknown, name: unknown, payload: unknown) => {
        if (name === eventName) listener(payload);
      };
      renderer.on(EVENT_CHANNEL, handler);
      return () => {
        renderer.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
}

contextBridge.exposeInMainWorld('huifang', createHuifangApi(electronTransport(ipcRenderer)));
