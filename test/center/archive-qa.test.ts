import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { closedSession, manifestFor, sha256 } from './support/archive-fixtures';
import { prepared, seedCases } from './support/seed';

const engines = await enginesUnderTest();
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;
const WS = { 'x-huifang-workstation': 'qa-pc-7/abc' };

/** A QA desk's one-time key pair, as the desk's fetch service makes it. */
function deskKeys() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

async function getWith(url: string, token: string, headers: Record<string, string> = {}) {
  return fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

describe.each(engines)('QA across desks on $name (README "Evidence archive"; docs/domain.md §9: every access logged)', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};
  let n = 0;
  const newId = () => `q${Date.now().toString(36)}t${n++}xyz`;
  const base = (id: string) => `${center.url}/api/archive/sessions/${id}`;
  const list = (query: string, who = '3001') => get(`${center.url}/api/archive/sessions${query}`, tokens[who]);

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'huifang-archive-qa-'));
    center = await startTestCenter({ engine, archiveDir });
    await seedCases(center.context.store, [prepared('PQ000009')]);
    await center.context.store.db.updateTable('cases').set({ flags: '["holder_aged_60_plus"]' }).where('policy_no', '=', 'PQ000009').execute();
    for (const s of ['1001', '1002', '1101', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  /** Archives a session of `agent` (the desk's upload steps) and answers the desk's data key. */
  async function archive(agent: string, container: Buffer | null, change: (s: CallSession) => void = () => {}) {
    const id = newId();
    const manifest = container ? manifestFor(id, container) : null;
    const session = closedSession(id, agent, manifest);
    change(session);
    const dataKey = randomBytes(32);
    const pem = (await get(`${center.url}/api/archive/key`, tokens[agent])).json.value.publicKeyPem;
    const wrappedKey = publicEncrypt({ key: pem, ...OAEP }, dataKey).toString('base64');
    const recording = container ? { size: container.length, sha256: sha256(container) } : null;
    expect((await post(base(id), { session, manifest, recording, wrappedKey }, tokens[agent])).status).toBe(200);
    if (container) {
      const r = await fetch(`${base(id)}/recording?offset=0`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens[agent]}` },
        body: new Uint8Array(container),
      });
      expect(r.status).toBe(200);
    }
    expect((await post(`${base(id)}/complete`, {}, tokens[agent])).json.value.state).toBe('archived');
    return { id, dataKey };
  }

  const ids = (r: { json: Json }) => r.json.value.items.map((x: Json) => x.sessionId as string);

  it('QA filters the listing by result, kind, recording gaps, on hold, policy and red flag; each listing audited with the workstation', async () => {
    const gap = await archive('1002', randomBytes(500), (s) => {
      s.recording.gaps = [{ startedAt: 1, endedAt: 2, reason: '磁盘已满' }];
      s.outcome = 'problem';
      s.kinds = ['forged_signature'];
    });
    const held = await archive('1101', null, (s) => {
      s.retention.legalHold = true;
      s.outcome = 'unreached:busy';
    });
    const flagged = await archive('1001', randomBytes(400), (s) => (s.caseId = 'PQ000009'));

    expect(ids(await list('?recording=gaps'))).toEqual([gap.id]);
    expect(ids(await list('?result=problem&kind=forged_signature'))).toEqual([gap.id]);
    expect(ids(await list('?kind=forged'))).toEqual([]); // a whole code, not a prefix
    expect(ids(await list('?hold=true'))).toEqual([held.id]);
    expect(ids(await list('?result=unfinished'))).toEqual([held.id]);
    expect(ids(await list('?recording=recording_failed'))).toEqual([held.id]);
    expect(ids(await list('?redFlag=true'))).toEqual([flagged.id]);
    expect(ids(await list('?policy=PQ000009'))).toEqual([flagged.id]);
    const row = (await list('?recording=gaps')).json.value.items[0];
    expect(row).toMatchObject({ agentId: '1002', team: 'A', outcome: 'problem', gapCount: 1, legalHold: false, recordingState: 'finalised', recovered: false });

    const bad = await list('?result=great&hold=maybe');
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: Json) => i.path)).toEqual(['result', 'hold']);

    await fetch(`${center.url}/api/archive/sessions?recording=gaps`, { headers: { authorization: `Bearer ${tokens['3001']}`, ...WS } });
    const audited = await readAudit(center.context.store, { action: 'archive.sessions_listed', actor: '3001' });
    expect(audited[0].detail).toMatchObject({ recording: 'gaps', rows: 1, workstation: 'qa-pc-7/abc' });
  });

  it('an agent lists only their own sessions; naming another agent or a team is refused', async () => {
    await archive('1001', null);
    const own = await list('', '1001');
    expect(own.status).toBe(200);
    expect(own.json.value.items.length).toBeGreaterThan(0);
    expect(own.json.value.items.every((r: Json) => r.agentId === '1001')).toBe(true);
    expect((await list('?agent=1002', '1001')).status).toBe(403);
    expect((await list('?team=A', '1001')).status).toBe(403);
  });

  it("QA opens a session: the record, and the desk's data key re-wrapped for the desk's one-time key (never in clear); audited with the workstation", async () => {
    const container = randomBytes(3000);
    const { id, dataKey } = await archive('1101', container);
    const desk = deskKeys();
    const r = await post(`${base(id)}/open`, { publicKeyPem: desk.publicKey }, tokens['3001'], WS);
    expect(r.status).toBe(200);
    expect(r.json.value.session).toMatchObject({ id, agentId: '1101', outcomeNote: '投保人张秘密确认本人签名' });
    expect(r.json.value.recording).toEqual({ size: 3000, sha256: sha256(container) });
    expect(r.json.value.manifest.sessionId).toBe(id);
    expect(JSON.stringify(r.json)).not.toContain(dataKey.toString('base64'));
    expect(JSON.stringify(r.json)).not.toContain(dataKey.toString('hex'));
    const opened = privateDecrypt({ key: desk.privateKey, ...OAEP }, Buffer.from(r.json.value.wrappedKey, 'base64'));
    expect(opened.equals(dataKey)).toBe(true);
    const audited = await readAudit(center.context.store, { action: 'archive.session_opened' });
    expect(audited.find((a) => a.target === id)).toMatchObject({ actor: '3001', detail: { workstation: 'qa-pc-7/abc', agent: '1101', team: 'B' } });
  });

  it("a team lead opens their own team's session; another team's is 403 and the refusal is audited; an agent may not listen", async () => {
    const { id } = await archive('1101', randomBytes(300));
    const desk = deskKeys();
    expect((await post(`${base(id)}/open`, { publicKeyPem: desk.publicKey }, tokens['2101'])).status).toBe(200);
    const other = await post(`${base(id)}/open`, { publicKeyPem: desk.publicKey }, tokens['2001']);
    expect(other.status).toBe(403);
    expect(other.json.error.message.zh).toContain('B 组');
    expect((await getWith(`${base(id)}/recording`, tokens['2001'])).status).toBe(403);
    expect((await post(`${base(id)}/open`, { publicKeyPem: desk.publicKey }, tokens['1101'])).status).toBe(403);
    expect((await post(`${base(id)}/open`, { publicKeyPem: desk.publicKey }, tokens['9001'])).status).toBe(200);
    const refused = await readAudit(center.context.store, { action: 'archive.session_open_refused' });
    expect(refused.map((a) => a.actor)).toContain('2001');
  });

  it('bad input: an unknown id is 404, a malformed id 400, a key that is not an RSA public key 400 — each with a clear message', async () => {
    const desk = deskKeys();
    const unknown = await post(`${base('s0000000unknown')}/open`, { publicKeyPem: desk.publicKey }, tokens['3001']);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message.zh).toContain('中心没有通话记录');
    const malformed = await post(`${center.url}/api/archive/sessions/bad!id/open`, { publicKeyPem: desk.publicKey }, tokens['3001']);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message.en).toContain('not a session id');
    expect((await getWith(`${base('s0000000unknown')}/recording`, tokens['3001'])).status).toBe(404);
    const { id } = await archive('1001', randomBytes(300));
    const notKey = await post(`${base(id)}/open`, { publicKeyPem: 'x'.repeat(300) }, tokens['3001']);
    expect(notKey.status).toBe(400);
    expect(notKey.json.error.message.en).toContain('publicKeyPem');
    const small = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect((await post(`${base(id)}/open`, { publicKeyPem: small.publicKey }, tokens['3001'])).json.error.message.en).toContain('2048');
  });

  it('streams the sealed recording whole and by Range (206); an unsatisfiable range is 416; every download audited', async () => {
    const container = randomBytes(200_000);
    const { id } = await archive('1001', container);
    const whole = await getWith(`${base(id)}/recording`, tokens['3001'], WS);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(container)).toBe(true);
    const tail = await getWith(`${base(id)}/recording`, tokens['3001'], { range: 'bytes=150000-' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe('bytes 150000-199999/200000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(container.subarray(150_000))).toBe(true);
    expect((await getWith(`${base(id)}/recording`, tokens['3001'], { range: 'bytes=300000-' })).status).toBe(416);
    const audited = (await readAudit(center.context.store, { action: 'archive.recording_downloaded' })).filter((a) => a.target === id);
    expect(audited.map((a) => a.detail)).toEqual([
      { workstation: 'unknown', from: 150_000, to: 199_999, size: 200_000 },
      { workstation: 'qa-pc-7/abc', from: 0, to: 199_999, size: 200_000 },
    ]);
    const none = await archive('1001', null);
    expect((await getWith(`${base(none.id)}/recording`, tokens['3001'])).status).toBe(404);
  });

  it('play and seek reported by the desk are audited with the playhead, the question and the workstation', async () => {
    const { id } = await archive('1002', randomBytes(300));
    const at = Date.parse('2026-03-10T02:00:00Z');
    const events = [
      { action: 'play', at, positionMs: 0 },
      { action: 'seek', at: at + 1000, positionMs: 4200.4, questionId: 'identity' },
    ];
    const r = await post(`${base(id)}/events`, { events }, tokens['3001'], WS);
    expect(r.json.value).toEqual({ recorded: 2 });
    const seek = (await readAudit(center.context.store, { action: 'archive.recording_seeked' })).find((a) => a.target === id);
    expect(seek?.detail).toEqual({ workstation: 'qa-pc-7/abc', at: '2026-03-10T02:00:01.000Z', positionMs: 4200, questionId: 'identity' });
    expect((await readAudit(center.context.store, { action: 'archive.recording_played' })).some((a) => a.target === id)).toBe(true);
    expect((await post(`${base(id)}/events`, { events: [{ action: 'rewind', at, positionMs: 0 }] }, tokens['3001'])).status).toBe(400);
    expect((await post(`${base(id)}/events`, { events }, tokens['1002'])).status).toBe(403);
  });
});
