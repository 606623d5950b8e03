import { describe, expect, it } from 'vitest';
import { powerSaveBlocker, safeStorage } from '../../mocks/electron';
import { electronDisplayKeeper } from '../../../main/electron/display-keeper';
import { electronSecretProtector } from '../../../main/electron/secret-protector';

describe('Electron capability adapters', () => {
  it('display keeper holds prevent-display-sleep until released', () => {
    const release = electronDisplayKeeper().keepAwake();
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    const id = powerSaveBlocker.start.mock.results.at(-1)?.value as number;
    expect(powerSaveBlocker.isStarted(id)).toBe(true);
    release();
    expect(powerSaveBlocker.isStarted(id)).toBe(false);
  });

  it('secret protector delegates to safeStorage', () => {
    const p = electronSecretProtector();
    const enc = p.encryptString('sip-password');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('sip-password');
    expect(p.decryptString(enc)).toBe('sip-password');
  });
});
