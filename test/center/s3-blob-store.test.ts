import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobStoreUnavailable } from '../../center/archive/blob-store-unavailable';
import { S3BlobStore } from '../../center/archive/s3-blob-store';
import { sha256 } from './support/archive-fixtures';
import { startTestS3, type TestS3 } from './support/s3-server';

const MiB = 1024 * 1024;
let s3: TestS3;
let scratch: string;
let run = 0;

beforeAll(async () => {
  s3 = await startTestS3();
  scratch = mkdtempSync(join(tmpdir(), 'huifang-s3-scratch-'));
});
afterAll(async () => {
  await s3.close();
  rmSync(scratch, { recursive: true, force: true });
});

const fresh = (extra = {}) => new S3BlobStore(s3.config({ prefix: `t${run++}/`, ...extra }), scratch);

function scratchFile(bytes: Buffer): string {
  const file = join(scratch, `part-${run++}`);
  writeFileSync(file, bytes);
  return file;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

describe('S3 blob store: writes (README "Storage")', () => {
  it('streams a large recording up in parts of at most 8 MiB, never as one body, the last step conditional (If-None-Match: *)', async () => {
    const store = fresh();
    const bytes = randomBytes(20 * MiB + 5);
    const from = s3.requests.length;
    await store.adopt(scratchFile(bytes), sha256(bytes));
    const seen = s3.requests.slice(from);
    const parts = seen.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='));
    expect(parts).toHaveLength(3);
    expect(Math.max(...seen.map((r) => r.bytes))).toBeLessThanOrEqual(8 * MiB);
    const complete = seen.find((r) => r.method === 'POST' && r.url.includes('uploadId='));
    expect(complete?.ifNoneMatch).toBe('*');
  });

  it('sends a small recording as one conditional PUT, and none at all when the key is already stored', async () => {
    const store = fresh();
    const bytes = randomBytes(1000);
    const from = s3.requests.length;
    await store.adopt(scratchFile(bytes), sha256(bytes));
    const puts = s3.requests.slice(from).filter((r) => r.method === 'PUT');
    expect(puts).toEqual([expect.objectContaining({ bytes: 1000, ifNoneMatch: '*' })]);
    const again = s3.requests.length;
    await store.adopt(scratchFile(bytes), sha256(bytes));
    expect(s3.requests.slice(again).filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('write-once under a race: an object stored between the check and the write keeps its bytes (the server answers 412), one PUT or multipart', async () => {
    const prefix = `race${run++}/`;
    const store = fresh({ prefix });
    for (const size of [1000, 9 * MiB]) {
      const first = randomBytes(size);
      const key = sha256(first);
      await store.adopt(scratchFile(first), key);
      s3.hideOnce(`${prefix}${key}`);
      const second = scratchFile(randomBytes(size));
      await store.adopt(second, key);
      expect(existsSync(second), `${size}`).toBe(false);
      expect(sha256(await bytesOf(store.read(key, 0, size - 1))), `${size}`).toBe(key);
    }
  });

  it('writes without If-None-Match only when told the server refuses it', async () => {
    const store = fresh({ conditionalWrites: false });
    const bytes = randomBytes(10);
    const from = s3.requests.length;
    await store.adopt(scratchFile(bytes), sha256(bytes));
    expect(s3.requests.slice(from).find((r) => r.method === 'PUT')?.ifNoneMatch).toBe('');
  });
});

describe('S3 blob store: object lock, as sent (s3rver accepts but does not enforce it; README "Storage")', () => {
  const YEAR_MS = 365.25 * 24 * 3600 * 1000;

  it('writes every object, one PUT or multipart, with the lock mode, a retain-until date 20 years on and SHA-256 checksums (docs/domain.md §9: ≥ 20 years)', async () => {
    const store = fresh({ objectLock: { mode: 'COMPLIANCE', years: 20 } });
    for (const size of [1000, 9 * MiB]) {
      const bytes = randomBytes(size);
      const from = s3.requests.length;
      await store.adopt(scratchFile(bytes), sha256(bytes));
      const seen = s3.requests.slice(from);
      const created = seen.find((r) => (r.method === 'PUT' && !r.url.includes('partNumber=')) || r.url.includes('?uploads'));
      expect(created?.headers['x-amz-object-lock-mode'], `${size}`).toBe('COMPLIANCE');
      const until = Date.parse(String(created?.headers['x-amz-object-lock-retain-until-date']));
      expect(Math.abs(until - Date.now() - 20 * YEAR_MS)).toBeLessThan(3 * 24 * 3600 * 1000);
      const writes = seen.filter((r) => r.method === 'PUT');
      expect(writes.length).toBeGreaterThan(0);
      for (const w of writes) expect(w.headers['x-amz-checksum-sha256'], `${size} ${w.url}`).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      // A single PUT's checksum is the whole object's SHA-256: the server itself checks the bytes against the key.
      if (size === 1000) expect(writes[0].headers['x-amz-checksum-sha256']).toBe(Buffer.from(sha256(bytes), 'hex').toString('base64'));
      expect(await store.size(sha256(bytes))).toBe(size);
    }
  });
});

describe('S3 blob store: a clear reason when the object store fails (README "Storage")', () => {
  it('the start check passes on a reachable bucket with the right keys', async () => {
    expect(await fresh().check()).toBeNull();
  });

  it('names a missing bucket', async () => {
    const problem = await fresh({ bucket: 'no-such-bucket' }).check();
    expect(problem).toContain('bucket "no-such-bucket"');
    expect(problem).toContain('does not exist');
  });

  it('names refused credentials', async () => {
    const problem = await fresh({ credentials: { accessKeyId: 'WRONG', secretAccessKey: 'WRONG' } }).check();
    expect(problem).toContain('refused the credentials');
  });

  it('names an unreachable endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const problem = await fresh({ endpoint }).check();
    expect(problem).toContain(`the S3 endpoint ${endpoint} is unreachable (ECONNREFUSED)`);
  });

  it('refuses to start with object lock asked of a bucket that has none (s3rver has no object lock)', async () => {
    const problem = await fresh({ objectLock: { mode: 'COMPLIANCE', years: 20 } }).check();
    expect(problem).toContain('has no object lock enabled');
  });

  it('while the endpoint is down: adopt fails naming it and keeps the scratch file; once back, the same adopt succeeds', async () => {
    const store = fresh();
    const stored = randomBytes(2000);
    await store.adopt(scratchFile(stored), sha256(stored));
    const bytes = randomBytes(3000);
    const file = scratchFile(bytes);
    await s3.stop();
    try {
      const failed = store.adopt(file, sha256(bytes));
      await expect(failed).rejects.toBeInstanceOf(BlobStoreUnavailable);
      await expect(failed).rejects.toThrow('is unreachable');
      expect(existsSync(file)).toBe(true);
      await expect(store.size(sha256(stored))).rejects.toThrow(`the S3 endpoint ${s3.endpoint} is unreachable`);
      await expect(bytesOf(store.read(sha256(stored), 0, 10))).rejects.toBeInstanceOf(BlobStoreUnavailable);
    } finally {
      await s3.start();
    }
    await store.adopt(file, sha256(bytes));
    expect(existsSync(file)).toBe(false);
    expect((await bytesOf(store.read(sha256(bytes), 0, 2999))).equals(bytes)).toBe(true);
  });

  it('a multipart write whose parts the server refuses (503) fails naming the cause, keeps the scratch file and stores no object', async () => {
    const store = fresh();
    const bytes = randomBytes(9 * MiB);
    const file = scratchFile(bytes);
    s3.failWrites = true;
    try {
      const failed = store.adopt(file, sha256(bytes));
      await expect(failed).rejects.toBeInstanceOf(BlobStoreUnavailable);
      await expect(failed).rejects.toThrow('SlowDown');
    } finally {
      s3.failWrites = false;
    }
    expect(existsSync(file)).toBe(true);
    expect(await store.size(sha256(bytes))).toBeNull();
    await store.adopt(file, sha256(bytes));
    expect(await store.size(sha256(bytes))).toBe(bytes.length);
  });
});
