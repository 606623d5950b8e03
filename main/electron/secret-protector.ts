import { safeStorage } from 'electron';
import type { SecretProtector } from '../services/host-capabilities';

/** Electron's OS-keystore backed protector (DPAPI, Keychain, libsecret). */
export function electronSecretProtector(): SecretProtector {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
