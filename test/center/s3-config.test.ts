import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { blobStoreConfig } from '../../center/archive/s3-config';
import { S3RVER_KEYS, startTestS3 } from './support/s3-server';
import { CENTRE_BUNDLE, CENTRE_NODE_FLAGS } from './support/centre-bundle';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, CENTRE_BUNDLE);
const KEYS = { HUIFANG_S3_ACCESS_KEY_ID: 'AK', HUIFANG_S3_SECRET_ACCESS_KEY: 'SK' };

describe('choosing the blob store (README "Storage")', () => {
  it('is the filesystem under --data unless s3 is asked for', () => {
    expect(blobStoreConfig({}, {})).toEqual({ ok: true, s3: null });
    expect(blobStoreConfig({ 'blob-store': 'fs' }, { HUIFANG_BLOB_STORE: 's3' })).toEqual({ ok: true, s3: null });
  });

  it('takes flags first, then HUIFANG_* variables; keys only from the environment', () => {
    const r = blobStoreConfig(
      { 'blob-store': 's3', 's3-bucket': 'evidence', 's3-endpoint': 'https://s3.example.cn:9000/' },
      { ...KEYS, HUIFANG_S3_BUCKET: 'ignored', HUIFANG_S3_REGION: 'cn-north-1', HUIFANG_S3_PREFIX: 'centre-a/' },
    );
    expect(r).toEqual({
      ok: true,
      s3: {
        endpoint: 'https://s3.example.cn:9000',
        region: 'cn-north-1',
        bucket: 'evidence',
        prefix: 'centre-a/',
        credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: undefined },
        objectLock: undefined,
        conditionalWrites: true,
      },
    });
  });

  it('leaves keys to the AWS default chain when HUIFANG_S3_* keys are not set; prefix recordings/ by default', () => {
    const r = blobStoreConfig({}, { HUIFANG_BLOB_STORE: 's3', HUIFANG_S3_BUCKET: 'evidence', AWS_REGION: 'eu-central-1', HUIFANG_S3_CONDITIONAL_WRITES: '0' });
    expect(r).toMatchObject({ ok: true, s3: { region: 'eu-central-1', prefix: 'recordings/', credentials: undefined, conditionalWrites: false } });
  });

  it('object lock: twenty years by default (docs/domain.md §9: recordings kept ≥ 20 years), or the years given', () => {
    const base = { 'blob-store': 's3', 's3-bucket': 'b' };
    expect(blobStoreConfig({ ...base, 's3-lock-mode': 'COMPLIANCE' }, {})).toMatchObject({ s3: { objectLock: { mode: 'COMPLIANCE', years: 20 } } });
    expect(blobStoreConfig({ ...base, 's3-lock-mode': 'GOVERNANCE', 's3-lock-years': '25' }, {})).toMatchObject({
      s3: { objectLock: { mode: 'GOVERNANCE', years: 25 } },
    });
  });

  it.each([
    [{ 'blob-store': 'gcs' }, {}, 'unknown --blob-store gcs'],
    [{ 'blob-store': 's3' }, {}, 'needs --s3-bucket'],
    [{ 'blob-store': 's3', 's3-bucket': 'b', 's3-endpoint': 's3.example.cn' }, {}, 'invalid --s3-endpoint'],
    [{ 'blob-store': 's3', 's3-bucket': 'b', 's3-prefix': 'no-slash' }, {}, 'invalid --s3-prefix'],
    [{ 'blob-store': 's3', 's3-bucket': 'b' }, { HUIFANG_S3_ACCESS_KEY_ID: 'AK' }, 'set both'],
    [{ 'blob-store': 's3', 's3-bucket': 'b', 's3-lock-years': '20' }, {}, 'needs --s3-lock-mode'],
    [{ 'blob-store': 's3', 's3-bucket': 'b', 's3-lock-mode': 'compliance' }, {}, 'COMPLIANCE or GOVERNANCE'],
    [{ 'blob-store': 's3', 's3-bucket': 'b', 's3-lock-mode': 'COMPLIANCE', 's3-lock-years': '0' }, {}, '1 to 100'],
  ])('refuses %o with a reason (%#)', (flags, env, reason) => {
    const r = blobStoreConfig(flags, env);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(reason);
  });
});

describe('center serve --blob-store s3 (README "Storage")', () => {
  /** Runs `serve` until its first stdout line; answers that line and the exit code (null while running). */
  async function serve(args: string[], env: Record<string, string>): Promise<{ line: { event: string; message?: string }; code: number | null }> {
    const dir = mkdtempSync(join(tmpdir(), 'huifang-cli-s3-'));
    const child = spawn(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'serve', '--data', dir, '--port', '0', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    try {
      let out = '';
      for await (const d of child.stdout) {
        out += (d as Buffer).toString();
        if (out.includes('\n')) break;
      }
      const line = JSON.parse(out.split('\n')[0]) as { event: string; message?: string };
      if (line.event === 'listening') child.kill('SIGTERM');
      const code = await exited;
      return { line, code: line.event === 'listening' ? null : code };
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('starts on a reachable bucket, and refuses a missing one with its name, exit 1', async () => {
    const s3 = await startTestS3('cli-bucket');
    try {
      const env = { HUIFANG_S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId, HUIFANG_S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey };
      const flags = ['--blob-store', 's3', '--s3-endpoint', s3.endpoint];
      expect((await serve([...flags, '--s3-bucket', 'cli-bucket'], env)).line.event).toBe('listening');
      const refused = await serve([...flags, '--s3-bucket', 'not-there'], env);
      expect(refused.code).toBe(1);
      expect(refused.line).toEqual({ event: 'error', message: expect.stringContaining('bucket "not-there"') });
    } finally {
      await s3.close();
    }
  });
});
