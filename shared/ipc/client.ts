import { channelNames, isEventName, type ChannelName, type EventName, type EventPayloadOf, type RequestOf, type ResponseOf } from './contract';
import { ipcFail, type IpcResult } from './ipc-error';

/** What a host must provide to carry the contract: Electron's preload or the web bridge. */
export interface IpcTransport {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Domain = DomainOf<ChannelName>;

/**
 * The `huifang` API the renderer sees: one method per channel, grouped by domain (`huifang.app.ping({...})`),
 * plus `on(event, listener)` which returns an unsubscribe function.
 */
export type HuifangApi = {
  readonly [D in Domain]: {
    readonly [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
  };
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void) => () => void;
};

/** Builds the frozen API object from the contract over any transport. */
export function createHuifangApi(transport: IpcTransport): HuifangApi {
  const groups: Record<string, Record<string, (request: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const name of channelNames) {
    const [domain, verb] = name.split(':') as [string, string];
    groups[domain] ??= {};
    groups[domain][verb] = (request: unknown) =>
      transport
        .invoke(name, request === undefined ? {} : request)
        .catch((err: unknown) => ipcFail('transport_closed', `通信中断 (IPC transport failed): ${err instanceof Error ? err.message : String(err)}`));
  }
  const api: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(groups)) api[domain] = Object.freeze(methods);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as HuifangApi;
}
