import { globalShortcut } from 'electron';

/** The global hang-up shortcut: works while another application has the focus. */
export const HANGUP_ACCELERATOR = 'CommandOrControl+Shift+H';

/**
 * Registers the global hang-up shortcut (call after `app.whenReady()`). `onHangup` typically emits
 * `softphone:hangupRequested` to the window. Returns the function that unregisters it. When the
 * accelerator is taken by another application, `log` says so and nothing is registered.
 */
export function registerHangupShortcut(
  onHangup: () => void,
  log: (message: string) => void = console.warn,
  accelerator: string = HANGUP_ACCELERATOR,
): () => void {
  const ok = globalShortcut.register(accelerator, onHangup);
  if (!ok) {
    log(`全局挂断快捷键 ${accelerator} 已被其他程序占用 (global hang-up shortcut unavailable)`);
    return () => undefined;
  }
  return () => globalShortcut.unregister(accelerator);
}
