import { vi } from 'vitest';

/**
 * The one shared mock of `electron` for unit tests (Electron cannot launch here). It records what
 * the adapter asks of Electron so tests can assert on the exact settings.
 */
type Listener = (...args: unknown[]) => unknown;

class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener) {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]) {
    for (const l of this.listeners.get(name) ?? []) l(...args);
  }
  removeListener(name: string, listener: Listener) {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
}

export const createdWindows: FakeBrowserWindow[] = [];

class FakeBrowserWindow extends FakeEmitter {
  static nextId = 1;
  readonly webContents: FakeEmitter & { id: number; send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean; getURL: () => string };
  readonly loadURL = vi.fn(async () => undefined);
  readonly show = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    const wc = new FakeEmitter() as FakeBrowserWindow['webContents'];
    wc.id = FakeBrowserWindow.nextId++;
    wc.send = vi.fn();
    wc.isDestroyed = () => false;
    wc.getURL = () => 'app://huifang/index.html';
    this.webContents = wc;
    createdWindows.push(this);
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export const app = Object.assign(new FakeEmitter(), {
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  whenReady: vi.fn(() => new Promise<void>(() => undefined)),
  getVersion: vi.fn(() => '0.0.0-test'),
  getPath: vi.fn(() => '/tmp/huifang-test'),
  commandLine: { appendSwitch: vi.fn() },
});

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((name: string, fn: Listener) => {
    ipcMain.handlers.set(name, fn);
  }),
  removeHandler: vi.fn((name: string) => {
    ipcMain.handlers.delete(name);
  }),
};

export const ipcRenderer = Object.assign(new FakeEmitter(), { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })) });
export const contextBridge = { exposeInMainWorld: vi.fn() };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  handle: vi.fn((scheme: string, fn: (request: Request) => Promise<Response>) => {
    protocol.handlers.set(scheme, fn);
  }),
};

export const shell = { openExternal: vi.fn(async () => undefined) };

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    on: vi.fn(),
  },
};

export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((s: string) => Buffer.from(`enc:${s}`)),
  decryptString: vi.fn((b: Buffer) => b.toString().replace(/^enc:/, '')),
};

let blockerId = 0;
const started = new Set<number>();
export const powerSaveBlocker = {
  start: vi.fn(() => {
    started.add(++blockerId);
    return blockerId;
  }),
  stop: vi.fn((id: number) => started.delete(id)),
  isStarted: vi.fn((id: number) => started.has(id)),
};

export const globalShortcut = { register: vi.fn(() => true), unregister: vi.fn(), unregisterAll: vi.fn() };
export const Notification = vi.fn();
/** The save dialog: a test sets what it answers (`{ canceled, filePath }`). */
export const dialog = { showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })) };
export const BrowserWindow = FakeBrowserWindow;

export default {
  app,
  dialog,
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  shell,
  session,
  safeStorage,
  powerSaveBlocker,
  globalShortcut,
  Notification,
  BrowserWindow,
};
