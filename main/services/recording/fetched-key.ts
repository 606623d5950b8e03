import path from 'node:path';
import type { SecretProtector } from '../host-capabilities';
import type { RecordingFs } from './recording-fs';
import { sessionPaths } from './session-paths';

/**
 * The data key of a recording fetched from the centre's archive (sealed by the desk that recorded
 * it), kept beside it wrapped by this desk's key store like the desk's own key (data-keys.ts).
 */
export const FETCHED_KEY_FILE = 'archive-key.wrapped';

/** Where a fetched session's wrapped key lives. */
export function fetchedKeyFile(dataDir: string, sessionId: string): string {
  return path.join(sessionPaths(dataDir, sessionId).dir, FETCHED_KEY_FILE);
}

/** Wraps a fetched recording's key with this desk's key store. */
export function wrapFetchedKey(secrets: SecretProtector, key: Buffer): Buffer {
  return secrets.encryptString(key.toString('hex'));
}

/** Reads a session's fetched key: null for a session recorded here (it uses the desk's own key). */
export function fetchedKeyReader(dataDir: string, fs: RecordingFs, secrets: SecretProtector): (sessionId: string) => Promise<Buffer | null> {
  return async (sessionId) => {
    const file = fetchedKeyFile(dataDir, sessionId);
    if (!(await fs.exists(file))) return null;
    const hex = secrets.decryptString(await fs.readFile(file));
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`录音密钥文件已损坏 (fetched key of ${sessionId} corrupt)`);
    return Buffer.from(hex, 'hex');
  };
}
