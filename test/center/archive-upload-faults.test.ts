import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { closedSession, manifestFor, sha256 } from './support/archive-fixtures';
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from './support/small-disk';

const engines = await enginesUnderTest();
const MiB = 1024 * 1024;

async function put(url: string, body: Buffer, token: string, chunkSha?: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}`, ...(chunkSha ? { 'x-chunk-sha256': chunkSha } : {}) },
    body: new Uint8Array(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Sends a PUT whose body stops after `sent` of the `declared` bytes, then drops the connection. */
async function truncatedPut(centerUrl: string, path: string, token: string, body: Buffer, declared: number): Promise<void> {
  const { hostname, port } = new URL(centerUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const head = [
    `PUT ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    `Authorization: Bearer ${token}`,
    'Content-Type: application/octet-stream',
    `Content-Length: ${declared}`,
    '',
    '',
  ].join('\r\n');
  await new Promise<void>((resolve) => socket.write(Buffer.concat([Buffer.from(head), body]), () => resolve()));
  await new Promise((r) => setTimeout(r, 50));
  socket.destroy();
  await new Promise((r) => setTimeout(r, 50));
}

/** One centre with its archive under `archiveDir`, and the upload steps of the desk. */
function archiveClient(getCenter: () => TestCenter, tokens: Record<string, string>) {
  const base = (id: string) => `${getCenter().url}/api/archive/sessions/${id}`;
  return {
    base,
    async begin(id: string, agent: string, container: Buffer) {
      const r = await get(`${getCenter().url}/api/archive/key`, tokens[agent]);
      const wrapped = publicEncrypt({ key: r.json.value.publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(32));
      const manifest = manifestFor(id, container);
      return post(
        base(id),
        {
          session: closedSession(id, agent, manifest),
          manifest,
          recording: { size: container.length, sha256: sha256(container) },
          wrappedKey: wrapped.toString('base64'),
        },
        tokens[agent],
      );
    },
    received: async (id: string, agent: string, container: Buffer) =>
      (await archiveClient(getCenter, tokens).begin(id, agent, container)).json.value.received as number,
  };
}

let n = 0;
const newId = () => `f${Date.now().toString(36)}t${n++}xyz`;

describe.each(engines)('bad chunk input at the centre on $name: nothing of a bad chunk is kept (README "Evidence archive")', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};
  const client = archiveClient(() => center, tokens);

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'huifang-archive-faults-'));
    center = await startTestCenter({ engine, archiveDir });
    tokens['1001'] = await loginAs(center.url, '1001');
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  it('a chunk cut short by a dropped connection (fewer bytes than its Content-Length) appends nothing; the offset stays', async () => {
    const id = newId();
    const container = randomBytes(MiB + 500);
    await client.begin(id, '1001', container);
    await put(`${client.base(id)}/recording?offset=0`, container.subarray(0, MiB), tokens['1001']);
    const path = `/api/archive/sessions/${id}/recording?offset=${MiB}`;
    await truncatedPut(center.url, path, tokens['1001'], container.subarray(MiB, MiB + 200), 500);
    expect(await client.received(id, '1001', container)).toBe(MiB);
    expect(statSync(join(archiveDir, 'incoming', id, 'recording.part')).size).toBe(MiB);
    // The resent chunk continues at the same offset and the recording completes intact.
    expect((await put(`${client.base(id)}/recording?offset=${MiB}`, container.subarray(MiB), tokens['1001'])).json.value.received).toBe(MiB + 500);
    expect((await post(`${client.base(id)}/complete`, {}, tokens['1001'])).json.value.state).toBe('archived');
  });

  it('a chunk whose bytes do not hash to its x-chunk-sha256 is refused as damaged and nothing is kept; the same chunk resent lands', async () => {
    const id = newId();
    const container = randomBytes(MiB / 2);
    await client.begin(id, '1001', container);
    const damaged = Buffer.from(container);
    damaged[1000]! ^= 0x40;
    const refused = await put(`${client.base(id)}/recording?offset=0`, damaged, tokens['1001'], sha256(container));
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('checksum_mismatch');
    expect(refused.json.error.message.zh).toContain('重发该分片');
    expect(await client.received(id, '1001', container)).toBe(0);
    const malformed = await put(`${client.base(id)}/recording?offset=0`, container, tokens['1001'], 'not-a-hash');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message.en).toContain('x-chunk-sha256');
    const ok = await put(`${client.base(id)}/recording?offset=0`, container, tokens['1001'], sha256(container).toUpperCase());
    expect(ok.json.value).toEqual({ state: 'receiving', received: container.length });
  });
});

describe.each(engines)('a full disk at the centre on $name: 507, nothing half kept, the administrator told (README "Evidence archive")', (engine) => {
  let center: TestCenter;
  let disk: SmallDisk;
  const tokens: Record<string, string> = {};
  const client = archiveClient(() => center, tokens);

  // A real full file system: a 1.5 MiB tmpfs holds the archive (root only; skipped elsewhere).
  beforeAll(async () => {
    if (!canMountSmallDisk) return;
    disk = mountSmallDisk(1.5 * MiB)!;
    center = await startTestCenter({ engine, archiveDir: disk.dir });
    tokens['1001'] = await loginAs(center.url, '1001');
  });
  afterAll(async () => {
    if (!canMountSmallDisk) return;
    await center.close();
    disk.unmount();
  });

  it.skipIf(!canMountSmallDisk)(
    'ENOSPC while writing a chunk, adopting it or beginning: 507, the part file cut back to the offset held, an audit entry; with space back the upload resumes',
    async () => {
      const id = newId();
      const container = randomBytes(3 * MiB);
      await client.begin(id, '1001', container);
      expect((await put(`${client.base(id)}/recording?offset=0`, container.subarray(0, MiB), tokens['1001'])).status).toBe(200);
      const full = await put(`${client.base(id)}/recording?offset=${MiB}`, container.subarray(MiB, 2 * MiB), tokens['1001']);
      expect(full.status).toBe(507);
      expect(full.json.error.code).toBe('insufficient_storage');
      expect(full.json.error.message.zh).toContain('存储空间不足');
      expect(statSync(join(disk.dir, 'incoming', id, 'recording.part')).size).toBe(MiB);
      expect(await client.received(id, '1001', container)).toBe(MiB);
      const audited = await readAudit(center.context.store, { action: 'archive.storage_full' });
      expect(audited.some((a) => a.target === id && (a.detail as { step: string }).step === 'append')).toBe(true);

      disk.resize(16 * MiB);
      for (let at = MiB; at < container.length; at += MiB) {
        expect((await put(`${client.base(id)}/recording?offset=${at}`, container.subarray(at, at + MiB), tokens['1001'])).status).toBe(200);
      }
      // No file may be created now: adopting the recording into the store (a new blob directory) fails.
      disk.resize(16 * MiB, 'used');
      const refused = await post(`${client.base(id)}/complete`, {}, tokens['1001']);
      expect(refused.status).toBe(507);
      expect(statSync(join(disk.dir, 'incoming', id, 'recording.part')).size).toBe(3 * MiB);
      const adoptAudit = await readAudit(center.context.store, { action: 'archive.storage_full' });
      expect(adoptAudit.some((a) => a.target === id && (a.detail as { step: string }).step === 'adopt')).toBe(true);

      disk.resize(16 * MiB);
      expect((await post(`${client.base(id)}/complete`, {}, tokens['1001'])).json.value.state).toBe('archived');
      const sha = sha256(container);
      expect(readFileSync(join(disk.dir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha)).equals(container)).toBe(true);
      expect(existsSync(join(disk.dir, 'incoming', id))).toBe(false);

      // Begun on a full disk: 507 as well, and nothing of the upload is left behind.
      disk.resize(16 * MiB, 'used');
      const other = newId();
      const begun = await client.begin(other, '1001', container);
      expect(begun.status).toBe(507);
      expect(existsSync(join(disk.dir, 'incoming', other))).toBe(false);
      disk.resize(16 * MiB);
      expect(begun.json.error.message.en).toContain('at begin');
    },
  );
});
