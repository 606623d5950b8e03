import { hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SecretProtector } from '../host-capabilities';
import type { RecordingFs } from './recording-fs';

/** Keys derived from the one random data key; each purpose gets its own key. */
export interface DataKeys {
  /** AES-256-GCM key for recording chunks and the finalised recording container. */
  readonly recording: Buffer;
  /** AES-256-GCM key for call-session records (personal data: answers, case ids). */
  readonly sessions: Buffer;
}

const KEY_FILE = 'recording-key.wrapped';

/**
 * Loads the data key from `<dataDir>/recording-key.wrapped`, creating it on first use. The key is
 * random and stored only wrapped by `secrets` (Electron safeStorage → OS keystore; plain Node → the
 * injected host key), so a copied data directory is useless without the keystore.
 */
export async function loadDataKeys(dataDir: string, secrets: SecretProtector, fs: RecordingFs): Promise<DataKeys> {
  if (!secrets.isEncryptionAvailable()) {
    throw new Error('系统密钥库不可用，无法加密录音 (OS keystore unavailable)');
  }
  const file = path.join(dataDir, KEY_FILE);
  let master: Buffer;
  if (await fs.exists(file)) {
    const hex = secrets.decryptString(await fs.readFile(file));
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('录音密钥文件已损坏 (recording key file corrupt)');
    master = Buffer.from(hex, 'hex');
  } else {
    master = randomBytes(32);
    await fs.mkdirp(dataDir);
    await fs.writeAtomic(file, secrets.encryptString(master.toString('hex')));
  }
  return {
    recording: derive(master, 'huifang/recording/v1'),
    sessions: derive(master, 'huifang/sessions/v1'),
  };
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}
