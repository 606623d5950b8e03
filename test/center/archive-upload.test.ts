import { constants, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openText } from '../../center/archive/archive-keys';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { closedSession, manifestFor, sha256 } from './support/archive-fixtures';

const engines = await enginesUnderTest();
const MiB = 1024 * 1024;

async function put(url: string, body: Buffer, token: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
    body: new Uint8Array(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe.each(engines)('evidence archive upload on $name (docs/domain.md §9, §11: recordings kept ≥ 20 years)', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};
  let n = 0;
  const newId = () => `s${Date.now().toString(36)}t${n++}xyz`;

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'huifang-archive-'));
    center = await startTestCenter({ engine, archiveDir });
    for (const s of ['1001', '1002', '1101', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  const base = (id: string) => `${center.url}/api/archive/sessions/${id}`;

  async function wrappedKey(): Promise<{ key: Buffer; wrapped: string }> {
    const r = await get(`${center.url}/api/archive/key`, tokens['1001']);
    const key = randomBytes(32);
    const wrapped = publicEncrypt({ key: r.json.value.publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, key);
    return { key, wrapped: wrapped.toString('base64') };
  }

  async function begin(id: string, agent: string, container: Buffer | null, opts: { as?: string; declaredSha?: string } = {}) {
    const manifest = container ? manifestFor(id, container) : null;
    const body = {
      session: closedSession(id, agent, manifest),
      manifest,
      recording: container ? { size: container.length, sha256: opts.declaredSha ?? sha256(container) } : null,
      wrappedKey: (await wrappedKey()).wrapped,
    };
    return post(base(id), body, tokens[opts.as ?? agent]);
  }

  async function sendAll(id: string, container: Buffer, from: number, token: string) {
    for (let at = from; at < container.length; at += MiB) {
      const r = await put(`${base(id)}/recording?offset=${at}`, container.subarray(at, at + MiB), token);
      expect(r.status).toBe(200);
    }
  }

  async function upload(id: string, agent: string, container: Buffer) {
    expect((await begin(id, agent, container)).json.value).toEqual({ state: 'receiving', received: 0 });
    await sendAll(id, container, 0, tokens[agent]);
    return post(`${base(id)}/complete`, {}, tokens[agent]);
  }

  const blobFile = (sha: string) => join(archiveDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);

  it('archives a session with its recording once: bytes identical, a re-upload answers archived, one row, audited', async () => {
    const id = newId();
    const container = randomBytes(2 * MiB + 12345);
    const done = await upload(id, '1001', container);
    expect(done.status).toBe(200);
    expect(done.json.value).toEqual({ state: 'archived', sha256: sha256(container) });
    expect(readFileSync(blobFile(sha256(container))).equals(container)).toBe(true);

    expect((await begin(id, '1001', container)).json.value).toEqual({ state: 'archived', sha256: sha256(container) });
    expect((await post(`${base(id)}/complete`, {}, tokens['1001'])).json.value.state).toBe('archived');
    const rows = await center.context.store.db.selectFrom('archived_sessions').selectAll().where('session_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agent_id: '1001', team: 'A', case_id: 'PA000001', outcome: 'standard', blob_key: sha256(container) });
    const audited = await readAudit(center.context.store, { action: 'archive.session_archived' });
    expect(audited.filter((a) => a.target === id)).toHaveLength(1);
    expect(readdirSync(join(archiveDir, 'incoming'))).not.toContain(id);
  });

  it('resumes after a partial upload at the bytes the centre holds', async () => {
    const id = newId();
    const container = randomBytes(3 * MiB);
    await begin(id, '1002', container);
    await put(`${base(id)}/recording?offset=0`, container.subarray(0, MiB), tokens['1002']);
    expect((await begin(id, '1002', container)).json.value).toEqual({ state: 'receiving', received: MiB });
    await sendAll(id, container, MiB, tokens['1002']);
    expect((await post(`${base(id)}/complete`, {}, tokens['1002'])).json.value.state).toBe('archived');
    expect(readFileSync(blobFile(sha256(container))).equals(container)).toBe(true);
  });

  it('a replayed chunk is harmless; a different chunk at an old offset or a gap is a 409 naming the bytes held', async () => {
    const id = newId();
    const container = randomBytes(2 * MiB);
    await begin(id, '1001', container);
    const first = container.subarray(0, MiB);
    expect((await put(`${base(id)}/recording?offset=0`, first, tokens['1001'])).json.value.received).toBe(MiB);
    const replay = await put(`${base(id)}/recording?offset=0`, first, tokens['1001']);
    expect(replay).toEqual({ status: 200, json: { ok: true, value: { state: 'receiving', received: MiB } } });

    const altered = await put(`${base(id)}/recording?offset=0`, randomBytes(MiB), tokens['1001']);
    expect(altered.status).toBe(409);
    expect(altered.json.error.received).toBe(MiB);
    const gap = await put(`${base(id)}/recording?offset=${MiB + 10}`, container.subarray(MiB + 10), tokens['1001']);
    expect(gap.status).toBe(409);
    expect(gap.json.error.message.en).toContain(`resume at ${MiB}`);
    expect(gap.json.error.message.zh).toContain('偏移');
  });

  it('refuses complete before all bytes, and bytes past the declared size', async () => {
    const id = newId();
    const container = randomBytes(MiB + 10);
    await begin(id, '1001', container);
    await put(`${base(id)}/recording?offset=0`, container.subarray(0, MiB), tokens['1001']);
    const early = await post(`${base(id)}/complete`, {}, tokens['1001']);
    expect(early.status).toBe(409);
    expect(early.json.error.message.en).toContain(`${MiB} of ${MiB + 10}`);
    const past = await put(`${base(id)}/recording?offset=${MiB}`, randomBytes(20), tokens['1001']);
    expect(past.status).toBe(400);
    expect(past.json.error.message.en).toContain('declared size');
  });

  it('refuses a recording whose hash does not match and discards it, so the desk starts again from 0', async () => {
    const id = newId();
    const container = randomBytes(MiB / 2);
    await begin(id, '1001', container, { declaredSha: sha256(randomBytes(4)) });
    await sendAll(id, container, 0, tokens['1001']);
    const refused = await post(`${base(id)}/complete`, {}, tokens['1001']);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message.en).toContain('upload again from 0');
    expect((await begin(id, '1001', container, { declaredSha: sha256(randomBytes(4)) })).json.value.received).toBe(0);
    const rows = await center.context.store.db.selectFrom('archived_sessions').select('session_id').where('session_id', '=', id).execute();
    expect(rows).toEqual([]);
  });

  it("refuses another agent's session, an admin's upload and a malformed id", async () => {
    const id = newId();
    const container = randomBytes(1000);
    const other = await begin(id, '1001', container, { as: '1002' });
    expect(other.status).toBe(403);
    expect(other.json.error.message.en).toContain("session's own agent");
    expect((await begin(id, '9001', container)).status).toBe(403);
    await begin(id, '1001', container);
    expect((await begin(id, '1002', container)).status).toBe(403); // 1001's upload in progress stays 1001's
    expect((await put(`${base(id)}/recording?offset=0`, container, tokens['1002'])).status).toBe(403);
    expect((await post(`${base(id)}/complete`, {}, tokens['1002'])).status).toBe(403);
    const bad = await post(`${center.url}/api/archive/sessions/bad!id`, {}, tokens['1001']);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message.en).toContain('not a session id');
  });

  it('refuses a chunk over 1 MiB with 413 and stores nothing of it', async () => {
    const id = newId();
    const container = randomBytes(2 * MiB);
    await begin(id, '1001', container);
    const big = await put(`${base(id)}/recording?offset=0`, container.subarray(0, MiB + 1), tokens['1001']);
    expect(big.status).toBe(413);
    expect((await begin(id, '1001', container)).json.value.received).toBe(0);
  });

  it('archives a session without a recording with begin and complete only', async () => {
    const id = newId();
    expect((await begin(id, '1101', null)).json.value).toEqual({ state: 'receiving', received: 0 });
    const done = await post(`${base(id)}/complete`, {}, tokens['1101']);
    expect(done.json.value).toEqual({ state: 'archived', sha256: null });
  });

  it('lists by role: QA all teams, a team lead only their own, an agent only their own sessions; each listing audited', async () => {
    await upload(newId(), '1101', randomBytes(100));
    const qa = await get(`${center.url}/api/archive/sessions`, tokens['3001']);
    expect(new Set(qa.json.value.items.map((r: Json) => r.team))).toEqual(new Set(['A', 'B']));
    const leadA = await get(`${center.url}/api/archive/sessions`, tokens['2001']);
    expect(leadA.json.value.items.length).toBeGreaterThan(0);
    expect(leadA.json.value.items.every((r: Json) => r.team === 'A')).toBe(true);
    expect(leadA.json.value.items[0]).not.toHaveProperty('outcomeNote');
    const leadB = await get(`${center.url}/api/archive/sessions?agent=1101`, tokens['2101']);
    expect(leadB.json.value.items.every((r: Json) => r.agentId === '1101')).toBe(true);
    expect((await get(`${center.url}/api/archive/sessions?team=B`, tokens['2001'])).status).toBe(403);
    const agent = await get(`${center.url}/api/archive/sessions`, tokens['1001']);
    expect(agent.json.value.items.every((r: Json) => r.agentId === '1001')).toBe(true);
    const audited = await readAudit(center.context.store, { action: 'archive.sessions_listed' });
    expect(audited.map((a) => a.actor)).toEqual(expect.arrayContaining(['3001', '2001', '2101']));
  });

  it('keeps the session record sealed: no personal data in clear on disk, and it opens with the centre key', async () => {
    const id = newId();
    await upload(id, '1001', randomBytes(100));
    const secret = Buffer.from('张秘密');
    const cfg = center.storeConfig;
    const dirs = [archiveDir, ...(cfg.engine === 'sqlite' ? [dirname(cfg.file)] : [])];
    for (const f of dirs.flatMap(filesUnder)) expect(readFileSync(f).includes(secret), f).toBe(false);
    const row = await center.context.store.db.selectFrom('archived_sessions').selectAll().where('session_id', '=', id).executeTakeFirstOrThrow();
    expect(row.session_sealed).not.toContain('张秘密');
    const keys = center.context.archive?.keys;
    expect(JSON.parse(openText(keys!.sessionKey, row.session_sealed)).outcomeNote).toBe('投保人张秘密确认本人签名');
  });

  it("the wrapped key opens with the centre's private key (mode 0600) to the desk's key", async () => {
    const { key, wrapped } = await wrappedKey();
    const file = join(archiveDir, 'keys', 'archive-private.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const opened = privateDecrypt(
      { key: readFileSync(file, 'utf8'), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(wrapped, 'base64'),
    );
    expect(opened.equals(key)).toBe(true);
  });
});
