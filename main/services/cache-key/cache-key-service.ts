import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../../../shared/ipc/ipc-error';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { SecretProtector } from '../host-capabilities';

/** File (in the data directory) holding the cache key, sealed by the host's secret protector. */
export const CACHE_KEY_FILE = 'cache-key.bin';

const KEY_BYTES = 32;
const BASE64_32 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Owns the workstation's cache key: 32 random bytes that the renderer uses to seal personal data
 * in its IndexedDB cache (names, ID numbers, phones, notes). Generated once, kept only sealed by
 * the host's `SecretProtector` (Electron: safeStorage → OS keystore; web host: the host key file)
 * in `<dataDir>/cache-key.bin`, written atomically with owner-only permissions.
 *
 * It never hands out a substitute: without the protector, or with a key file it cannot open, it
 * fails with a readable error (a fresh key would make the cache — unsent results included —
 * unreadable, and no key must not mean plaintext).
 */
export class CacheKeyService {
  private loading: Promise<string> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretProtector,
  ) {}

  /** Answers `app:cacheKey`. */
  async cacheKey(): Promise<ResponseOf<'app:cacheKey'>> {
    // One load per process; a failed load is retried on the next request.
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return { key: await this.loading };
  }

  private async load(): Promise<string> {
    if (!this.secrets.isEncryptionAvailable()) {
      throw new DomainError('系统密钥库不可用，无法加密本机缓存，工作台不能使用 (OS keystore unavailable: the cache cannot be encrypted)');
    }
    const file = path.join(this.dataDir, CACHE_KEY_FILE);
    const sealed = await readFile(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw new DomainError(`无法读取本机缓存密钥（${err.code ?? err.message}） (cache key file unreadable)`);
    });
    if (sealed) {
      let key: string;
      try {
        key = this.secrets.decryptString(sealed);
      } catch {
        throw new DomainError('本机缓存密钥无法解开（系统密钥库已更换或文件被改动），请联系管理员 (cache key cannot be unsealed)');
      }
      if (!BASE64_32.test(key)) throw new DomainError('本机缓存密钥文件已损坏，请联系管理员 (cache key file corrupt)');
      return key;
    }
    const key = randomBytes(KEY_BYTES).toString('base64');
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await writeAtomic(file, this.secrets.encryptString(key));
    return key;
  }
}

/** Writes `tmp` (0600), fsyncs it, renames it over `file`: a crash leaves the old file or the new one. */
async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.write(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}
