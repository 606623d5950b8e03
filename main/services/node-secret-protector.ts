import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretProtector } from './host-capabilities';

const VERSION = 1;

/**
 * Plain-Node stand-in for Electron's safeStorage: AES-256-GCM with a key injected by the caller
 * (environment/KMS in deployment) or kept in a 0600 key file beside the data.
 * Layout: version(1) | iv(12) | tag(16) | ciphertext.
 */
export function nodeSecretProtector(key: Buffer): SecretProtector {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      if (encrypted.length < 29 || encrypted[0] !== VERSION) throw new Error('not a protected secret');
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(1, 13));
      decipher.setAuthTag(encrypted.subarray(13, 29));
      return Buffer.concat([decipher.update(encrypted.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Loads the host key: `HUIFANG_MASTER_KEY` (64 hex chars) when set, else a key file in `dataDir`
 * created on first use with owner-only permissions.
 */
export function loadHostKey(dataDir: string, env: Record<string, string | undefined> = process.env): Buffer {
  const fromEnv = env.HUIFANG_MASTER_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('HUIFANG_MASTER_KEY must be 64 hex characters');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(dataDir, 'host.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
