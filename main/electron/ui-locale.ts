import { app } from 'electron';

/**
 * Chromium's own widgets — the date and time pickers, spell check, context menus — follow the
 * browser's UI locale, not the page's `lang`: on an English Windows the callback picker read
 * "12/02/2026, 06:50 PM". The desk is a zh-CN product, so its Chromium runs in zh-CN whatever the
 * system's language. Must run before the app is ready.
 */
export function useChineseUiLocale(): void {
  app.commandLine.appendSwitch('lang', 'zh-CN');
}
