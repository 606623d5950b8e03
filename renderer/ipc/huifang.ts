import type { HuifangApi } from '../../shared/ipc/client';
import type { IpcResult } from '../../shared/ipc/ipc-error';

declare global {
  interface Window {
    /** Installed by the Electron preload or the web bridge; the renderer cannot tell which. */
    readonly huifang: HuifangApi;
  }
}

/** The host API. Read lazily so tests can install a fake before rendering. */
export function huifang(): HuifangApi {
  return window.huifang;
}

/** Unwraps an IPC result, throwing an Error with the host's readable message on failure. */
export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
