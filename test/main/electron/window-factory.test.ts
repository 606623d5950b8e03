import { describe, expect, it } from 'vitest';
import type { createdWindows } from '../../mocks/electron';
import { createMainWindow } from '../../../main/electron/window-factory';

describe('window factory: hardened webPreferences (Electron security checklist)', () => {
  it('creates the window isolated, sandboxed and without Node, loading our app:// origin', () => {
    const win = createMainWindow('/app/preload/index.cjs') as unknown as (typeof createdWindows)[number];
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://huifang/index.html');
    expect(win.options.title).toBe('回访坐席工作台');
  });
});
