import { dialog, type BrowserWindow } from 'electron';

/**
 * Electron's save dialog for a recording export (README "Recording exports"): the person picks
 * where the one watermarked copy goes; null when they cancel. WebM only.
 */
export function electronChooseSavePath(window: () => BrowserWindow | null): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const options = { defaultPath: suggestedName, filters: [{ name: 'WebM', extensions: ['webm'] }] };
    const w = window();
    const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  };
}
