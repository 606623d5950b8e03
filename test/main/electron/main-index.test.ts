import { describe, expect, it } from 'vitest';
import { app, protocol } from '../../mocks/electron';

describe('main/index.ts wiring', () => {
  it('enables the sandbox, registers app:// before ready, takes the single-instance lock and guards navigation', async () => {
    await import('../../../main/index');
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.listeners.get('web-contents-created')?.length).toBeGreaterThan(0);
    expect(app.listeners.get('second-instance')?.length).toBe(1);
    // Order matters: the scheme must be privileged before the app is ready.
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]);
  });

  it("runs Chromium in zh-CN before ready, so its date and time pickers read as the rest of the desk (not the system's locale)", async () => {
    await import('../../../main/index');
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN');
    expect(app.commandLine.appendSwitch.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]);
  });
});
