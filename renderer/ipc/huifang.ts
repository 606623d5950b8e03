import type { HuifangApi } from '../../shared/ipc/client';

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
