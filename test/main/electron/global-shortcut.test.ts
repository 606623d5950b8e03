import { globalShortcut } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { HANGUP_ACCELERATOR, registerHangupShortcut } from '../../../main/electron/global-shortcut';

describe('global hang-up shortcut', () => {
  it('registers CommandOrControl+Shift+H, calls back on press and unregisters', () => {
    const onHangup = vi.fn();
    const unregister = registerHangupShortcut(onHangup);
    expect(HANGUP_ACCELERATOR).toBe('CommandOrControl+Shift+H');
    const register = vi.mocked(globalShortcut.register);
    expect(register).toHaveBeenCalledWith(HANGUP_ACCELERATOR, onHangup);
    (register.mock.calls.at(-1)![1] as () => void)();
    expect(onHangup).toHaveBeenCalledTimes(1);
    unregister();
    expect(globalShortcut.unregister).toHaveBeenCalledWith(HANGUP_ACCELERATOR);
  });

  it('says so when another program holds the accelerator', () => {
    vi.mocked(globalShortcut.register).mockReturnValueOnce(false);
    const log = vi.fn();
    const unregister = registerHangupShortcut(() => undefined, log);
    expect(log.mock.calls[0]![0]).toContain('已被其他程序占用');
    vi.mocked(globalShortcut.unregister).mockClear();
    unregister();
    expect(globalShortcut.unregister).not.toHaveBeenCalled();
  });
});
