import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../../main/ipc/ipc-router';
import { CACHE_KEY_FILE, CacheKeyService } from '../../../../main/services/cache-key/cache-key-service';
import type { SecretProtector } from '../../../../main/services/host-capabilities';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';

const caller = { host: 'web' as const, callerId: 't' };

function setup(secrets: SecretProtector = nodeSecretProtector(randomBytes(32))) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-ck-'));
  const router = new IpcRouter();
  const service = new CacheKeyService(dataDir, secrets);
  router.register({ 'app:cacheKey': () => service.cacheKey() });
  return { dataDir, router, secrets };
}

describe('workstation cache key (personal data encrypted at rest, docs/domain.md §11)', () => {
  it('creates a random 32-byte key once, keeps it sealed in an owner-only file, and returns the same key afterwards', async () => {
    const { dataDir, router, secrets } = setup();
    const answer = await router.dispatch('app:cacheKey', {}, caller);
    if (!answer.ok) throw new Error(answer.error.message);
    const first = answer as { value: { key: string } };
    expect(Buffer.from(first.value.key, 'base64')).toHaveLength(32);
    const file = path.join(dataDir, CACHE_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const onDisk = readFileSync(file);
    expect(onDisk.toString('latin1')).not.toContain(first.value.key);
    expect(readdirSync(dataDir)).toEqual([CACHE_KEY_FILE]);
    // A new process (new service) over the same directory and protector reads the same key.
    const again = await new CacheKeyService(dataDir, secrets).cacheKey();
    expect(again.key).toBe(first.value.key);
  });

  it('two workstations get different keys', async () => {
    const a = await new CacheKeyService(setup().dataDir, nodeSecretProtector(randomBytes(32))).cacheKey();
    const b = await new CacheKeyService(setup().dataDir, nodeSecretProtector(randomBytes(32))).cacheKey();
    expect(a.key).not.toBe(b.key);
  });

  it('refuses with a readable error when the OS keystore is unavailable, and writes nothing', async () => {
    const unavailable: SecretProtector = {
      isEncryptionAvailable: () => false,
      encryptString: () => {
        throw new Error('unavailable');
      },
      decryptString: () => {
        throw new Error('unavailable');
      },
    };
    const { dataDir, router } = setup(unavailable);
    const r = await router.dispatch('app:cacheKey', {}, caller);
    expect(r).toMatchObject({ ok: false, error: { code: 'domain_error', message: expect.stringContaining('系统密钥库不可用') } });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('does not replace a key file it cannot unseal (a fresh key would orphan the cache)', async () => {
    const { dataDir } = setup();
    await new CacheKeyService(dataDir, nodeSecretProtector(randomBytes(32))).cacheKey();
    const before = readFileSync(path.join(dataDir, CACHE_KEY_FILE));
    await expect(new CacheKeyService(dataDir, nodeSecretProtector(randomBytes(32))).cacheKey()).rejects.toThrow(/无法解开/);
    expect(readFileSync(path.join(dataDir, CACHE_KEY_FILE)).equals(before)).toBe(true);
  });

  it('rejects a key file that unseals to something other than a 32-byte key', async () => {
    const secrets = nodeSecretProtector(randomBytes(32));
    const { dataDir } = setup(secrets);
    writeFileSync(path.join(dataDir, CACHE_KEY_FILE), secrets.encryptString('short'));
    await expect(new CacheKeyService(dataDir, secrets).cacheKey()).rejects.toThrow(/损坏/);
  });
});
