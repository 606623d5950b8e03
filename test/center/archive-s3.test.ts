import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3BlobStore } from '../../center/archive/s3-blob-store';
import { startCenter } from '../../center/start-center';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';
import { closedSession, manifestFor, sha256 } from './support/archive-fixtures';
import { S3RVER_KEYS, startTestS3, type TestS3 } from './support/s3-server';

const engines = await enginesUnderTest();
const MiB = 1024 * 1024;
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
});

/** The bucket's object read with the SDK directly, not through the adapter under test. */
async function objectInBucket(name: string): Promise<Buffer> {
  const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_KEYS });
  const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: name }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

describe.each(engines)('evidence archive on an S3 bucket, store on $name (README "Storage"; docs/domain.md §9: recordings kept ≥ 20 years)', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const prefix = `${engine.name}/`;
  const tokens: Record<string, string> = {};
  let n = 0;
  const newId = () => `s${Date.now().toString(36)}t${n++}s3x`;
  const base = (id: string) => `${center.url}/api/archive/sessions/${id}`;

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'huifang-archive-s3-'));
    const blobs = new S3BlobStore(s3.config({ prefix }), join(archiveDir, 'incoming'));
    center = await startTestCenter({ engine, archiveDir, blobs });
    for (const s of ['1001', '3001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  /** The desk's begin and recording chunks (1 MiB each), not yet complete. */
  async function send(id: string, container: Buffer) {
    const pem = (await get(`${center.url}/api/archive/key`, tokens['1001'])).json.value.publicKeyPem;
    const manifest = manifestFor(id, container);
    const body = {
      session: closedSession(id, '1001', manifest),
      manifest,
      recording: { size: container.length, sha256: sha256(container) },
      wrappedKey: publicEncrypt({ key: pem, ...OAEP }, randomBytes(32)).toString('base64'),
    };
    expect((await post(base(id), body, tokens['1001'])).status).toBe(200);
    for (let at = 0; at < container.length; at += MiB) {
      const r = await fetch(`${base(id)}/recording?offset=${at}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens['1001']}` },
        body: new Uint8Array(container.subarray(at, at + MiB)),
      });
      expect(r.status).toBe(200);
    }
  }

  const complete = (id: string) => post(`${base(id)}/complete`, {}, tokens['1001']);

  it('archives the recording as one object in the bucket, byte-identical, nothing left in the local scratch area', async () => {
    const id = newId();
    const container = randomBytes(11 * MiB + 77);
    await send(id, container);
    const done = await complete(id);
    expect(done.json.value).toEqual({ state: 'archived', sha256: sha256(container) });
    expect((await objectInBucket(`${prefix}${sha256(container)}`)).equals(container)).toBe(true);
    expect(readdirSync(join(archiveDir, 'incoming'))).not.toContain(id);
    expect((await complete(id)).json.value.state).toBe('archived');
  });

  it('QA downloads the recording whole and by Range from the bucket', async () => {
    const id = newId();
    const container = randomBytes(200_000);
    await send(id, container);
    expect((await complete(id)).json.value.state).toBe('archived');
    const auth = { authorization: `Bearer ${tokens['3001']}` };
    const whole = await fetch(`${base(id)}/recording`, { headers: auth });
    expect(Buffer.from(await whole.arrayBuffer()).equals(container)).toBe(true);
    const first = await fetch(`${base(id)}/recording`, { headers: { ...auth, range: 'bytes=0-0' } });
    expect(first.status).toBe(206);
    expect(Buffer.from(await first.arrayBuffer()).equals(container.subarray(0, 1))).toBe(true);
    const tail = await fetch(`${base(id)}/recording`, { headers: { ...auth, range: 'bytes=150000-' } });
    expect(tail.headers.get('content-range')).toBe('bytes 150000-199999/200000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(container.subarray(150_000))).toBe(true);
  });

  it('while the object store is down, complete answers why and stores nothing; the same complete succeeds once it is back', async () => {
    const id = newId();
    const container = randomBytes(2 * MiB + 9);
    await send(id, container);
    await s3.stop();
    try {
      const refused = await complete(id);
      expect(refused.status).toBe(500);
      expect(refused.json.error.message.en).toContain("the centre's recording store is unavailable");
      expect(refused.json.error.message.en).toContain('is unreachable');
      expect(refused.json.error.message.zh).toContain('录音存储暂不可用');
      const rows = await center.context.store.db.selectFrom('archived_sessions').select('session_id').where('session_id', '=', id).execute();
      expect(rows).toEqual([]);
      expect(statSync(join(archiveDir, 'incoming', id, 'recording.part')).size).toBe(container.length);
    } finally {
      await s3.start();
    }
    expect((await complete(id)).json.value).toEqual({ state: 'archived', sha256: sha256(container) });
    expect((await objectInBucket(`${prefix}${sha256(container)}`)).equals(container)).toBe(true);
  });
});

describe('starting a centre on S3 (README "Storage")', () => {
  it('refuses to start on a bucket that does not exist, saying which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huifang-center-s3-'));
    try {
      const started = await startCenter({
        store: { engine: 'sqlite', file: join(dir, 'center.sqlite') },
        listen: { host: '127.0.0.1', port: 0 },
        archiveDir: join(dir, 'archive'),
        s3: s3.config({ bucket: 'not-created' }),
      });
      expect(started).toEqual({ ok: false, message: expect.stringContaining('bucket "not-created"') });
      expect(started.ok || started.message).toContain('does not exist');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
