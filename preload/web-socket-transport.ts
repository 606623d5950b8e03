import type { IpcTransport } from '../shared/ipc/client';
import { ipcFail, type IpcResult } from '../shared/ipc/ipc-error';

/**
 * WebSocket transport for the web host: the same contract as the Electron preload, carried as JSON
 * frames `{type:"invoke",id,channel,payload}` → `{type:"result",id,result}` and `{type:"event",name,payload}`.
 * Auth: the host set an HttpOnly cookie when the page was opened with the launch token.
 */
type Frame = { type: 'result'; id: number; result: IpcResult<unknown> } | { type: 'event'; name: string; payload: unknown };

/** Creates a WebSocket transport that reconnects with backoff and fails calls made while down. */
export function webSocketTransport(url: string, WebSocketCtor: typeof WebSocket = WebSocket): IpcTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 200;
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = () => {
    const ws = new WebSocketCtor(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 200;
      while (queue.length) ws.send(queue.shift() as string);
    };
    ws.onmessage = (message) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(message.data)) as Frame;
      } catch {
        return;
      }
      if (frame.type === 'result') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        listeners.get(frame.name)?.forEach((l) => l(frame.payload));
      }
    };
    ws.onclose = () => {
      socket = null;
      for (const [id, resolve] of pending) {
        resolve(ipcFail('transport_closed', '与主进程的连接已断开 (connection to the host closed)'));
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(channel, payload) {
      const id = nextId++;
      const text = JSON.stringify({ type: 'invoke', id, channel, payload });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket && socket.readyState === WebSocketCtor.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    subscribe(eventName, listener) {
      const set = listeners.get(eventName) ?? new Set();
      set.add(listener);
      listeners.set(eventName, set);
      return () => {
        set.delete(listener);
      };
    },
  };
}
