import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain, session, type BrowserWindow } from 'electron';
import { createMainServices, type MainServices } from './services/create-services';
import { handleAppProtocol, registerAppScheme } from './electron/app-protocol';
import { createMainWindow } from './electron/window-factory';
import { installNavigationGuards, installPermissionHandlers } from './electron/security-guards';
import { registerIpcHandlers, sendEvent } from './electron/ipc-adapter';
import { electronSecretProtector } from './electron/secret-protector';
import { electronDisplayKeeper } from './electron/display-keeper';
import { registerHangupShortcut } from './electron/global-shortcut';
import { useChineseUiLocale } from './electron/ui-locale';
import { electronChooseSavePath } from './electron/save-dialog';

// Wiring only: every behaviour lives in services (plain Node) or the electron/ adapter.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');

app.enableSandbox();
useChineseUiLocale();
registerAppScheme();
installNavigationGuards();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let services: MainServices | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(async () => {
    installPermissionHandlers(session.defaultSession);
    services = await createMainServices({
      host: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      dataDir: app.getPath('userData'),
      secrets: electronSecretProtector(),
      displayKeeper: electronDisplayKeeper(),
      emit: (name, payload) => sendEvent(mainWindow ? [mainWindow.webContents] : [], name, payload),
      chooseSavePath: electronChooseSavePath(() => mainWindow),
    });
    handleAppProtocol(rendererDir, () => services?.connectSrc() ?? []);
    registerIpcHandlers(ipcMain, services.router, () => new Set(mainWindow ? [mainWindow.webContents.id] : []), console.warn);
    mainWindow = createMainWindow(preloadPath);
    app.once(
      'will-quit',
      registerHangupShortcut(() => sendEvent(mainWindow ? [mainWindow.webContents] : [], 'softphone:hangupRequested', { source: 'shortcut' })),
    );
    const windowCaller = `wc-${mainWindow.webContents.id}`; // the caller id ipc-adapter.ts gives this window
    mainWindow.on('closed', () => {
      mainWindow = null;
      services?.router.callerGone(windowCaller);
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.dispose());
}
