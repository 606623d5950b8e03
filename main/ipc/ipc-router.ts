import { channels, isChannelName, type ChannelName, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { DomainError, ipcFail, ipcOk, type IpcResult } from '../../shared/ipc/ipc-error';
import { describeZodIssues } from './zod-issues';

/** Who is calling: filled by the transport (Electron adapter or web host) after its own sender check. */
export interface CallerContext {
  readonly host: 'electron' | 'web';
  /** Stable id of the connection/window, for per-caller state and logs. */
  readonly callerId: string;
}

/** A handler per channel, with request and response types derived from the contract. */
export type Handler<C extends ChannelName> = (
  request: RequestOf<C> extends infer R ? R : never,
  caller: CallerContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type HandlerMap = { [C in ChannelName]?: Handler<C> };

/** Logs a rejected or failed call; injected so tests and hosts decide where logs go. */
export type IpcLogger = (entry: { channel: string; code: string; message: string }) => void;

/**
 * Transport-agnostic dispatcher: looks the channel up in the contract, validates the payload with
 * its schema, runs the handler, validates the response, and turns every failure into a typed
 * error value. Nothing thrown by a handler crosses the boundary.
 */
export class IpcRouter {
  private readonly handlers = new Map<string, Handler<ChannelName>>();
  private readonly goneListeners: ((callerId: string) => void)[] = [];

  constructor(private readonly log: IpcLogger = () => undefined) {}

  /** Registers handlers; a channel may be registered once. */
  register(map: HandlerMap): this {
    for (const [name, handler] of Object.entries(map)) {
      if (!isChannelName(name)) throw new Error(`Handler for undeclared channel: ${name}`);
      if (this.handlers.has(name)) throw new Error(`Channel registered twice: ${name}`);
      this.handlers.set(name, handler as Handler<ChannelName>);
    }
    return this;
  }

  /** Channels that have a handler. */
  registered(): string[] {
    return [...this.handlers.keys()];
  }

  /** Dispatches one call; always resolves. */
  async dispatch(channel: unknown, payload: unknown, caller: CallerContext): Promise<IpcResult<unknown>> {
    if (!isChannelName(channel)) {
      return this.reject(String(channel), ipcFail('unknown_channel', `未知的通道 (unknown channel): ${safeName(channel)}`));
    }
    const spec = channels[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const issues = describeZodIssues(parsed.error.issues);
      const summary = issues.map((i) => `${i.path || '(根)'}: ${i.message}`).join('; ');
      return this.reject(channel, ipcFail('invalid_payload', `请求数据无效 (invalid payload) on ${channel}: ${summary}`, issues));
    }
    const handler = this.handlers.get(channel);
    if (!handler) {
      return this.reject(channel, ipcFail('not_available', `此宿主未提供该功能 (not available in this host): ${channel}`));
    }
    let value: unknown;
    try {
      value = await handler(parsed.data as never, caller);
    } catch (err) {
      if (err instanceof DomainError) return this.reject(channel, ipcFail(err.code, err.message));
      const message = err instanceof Error ? err.message : String(err);
      return this.reject(channel, ipcFail('handler_failed', `处理失败 (handler failed) on ${channel}: ${message}`));
    }
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      const summary = describeZodIssues(checked.error.issues)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ');
      return this.reject(channel, ipcFail('invalid_response', `内部错误：响应不符合契约 (response violates contract) on ${channel}: ${summary}`));
    }
    return ipcOk(checked.data);
  }

  /** Runs `listener` with the id of every caller (window, web socket) that goes away, to drop its state. */
  onCallerGone(listener: (callerId: string) => void): void {
    this.goneListeners.push(listener);
  }

  /** Called by the transport when a caller's window or connection is gone for good. */
  callerGone(callerId: string): void {
    for (const listener of this.goneListeners) listener(callerId);
  }

  private reject(channel: string, result: IpcResult<never>): IpcResult<never> {
    if (!result.ok) this.log({ channel, code: result.error.code, message: result.error.message });
    return result;
  }
}

function safeName(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
