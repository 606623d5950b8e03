import { execFileSync } from 'node:child_process';
import { constants, createHash, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealContainer } from '../../main/services/recording/encrypted-container';
import { readAudit } from '../../center/store/audit-repo';
import { hashPassword } from '../../center/auth/password';
import { upsertUser } from '../../center/store/users-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { closedSession, manifestFor, sha256 } from './support/archive-fixtures';
import { CHEAP, PASSWORD } from './support/seed';

const engines = await enginesUnderTest();
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;
const WS = { 'x-huifang-workstation': 'qa-pc-7/abc' };

/**
 * Per-packet size and MD5 of the audio, copied out without decoding (ffmpeg's framemd5). Side data
 * is left out: the copy drops the last block's DiscardPadding (encoder padding, ≤ one frame).
 */
function audioPackets(file: string): string[] {
  const out = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-map', '0:a', '-c', 'copy', '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').slice(4, 6).join(',').trim());
}

function formatTags(file: string): Record<string, string> {
  const out = execFileSync('ffprobe', ['-loglevel', 'error', '-show_format', '-of', 'json', file], { encoding: 'utf8' });
  return (JSON.parse(out) as { format: { tags: Record<string, string> } }).format.tags;
}

describe.each(engines)(
  'recording exports on $name (README "Recording exports"; docs/domain.md §9: copies only with the department head\'s approval, every access logged)',
  (engine) => {
    let center: TestCenter;
    let dir: string;
    let webmFile: string;
    const tokens: Record<string, string> = {};
    let n = 0;
    const api = (p: string) => `${center.url}/api/exports${p}`;
    const audited = (action: string, actor?: string) => readAudit(center.context.store, { action, actor });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'huifang-export-'));
      center = await startTestCenter({ engine, archiveDir: join(dir, 'archive'), limits: { exportValidHours: 2 } });
      const hash = await hashPassword(PASSWORD, CHEAP);
      for (const staffNo of ['8001', '8002']) {
        await upsertUser(center.context.store, {
          staffNo,
          name: `部门负责人${staffNo}`,
          role: 'dept_head',
          team: 'A',
          languages: ['mandarin'],
          passwordHash: hash,
        });
      }
      for (const s of ['1001', '2001', '2101', '3001', '9001', '8001', '8002']) tokens[s] = await loginAs(center.url, s);
      webmFile = join(dir, 'call.webm');
      execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-ac', '2', '-c:a', 'libopus', '-b:a', '32k', webmFile]);
    });
    afterAll(async () => {
      await center.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Archives a session of agent 1001 (team A) whose recording is the real WebM, sealed as the desk seals it. */
    async function archived(): Promise<string> {
      const id = `x${Date.now().toString(36)}e${n++}xyz`;
      const dataKey = randomBytes(32);
      const container = sealContainer(dataKey, id, readFileSync(webmFile));
      const manifest = manifestFor(id, container);
      const pem = (await get(`${center.url}/api/archive/key`, tokens['1001'])).json.value.publicKeyPem;
      const wrappedKey = publicEncrypt({ key: pem, ...OAEP }, dataKey).toString('base64');
      const base = `${center.url}/api/archive/sessions/${id}`;
      await post(
        base,
        { session: closedSession(id, '1001', manifest), manifest, recording: { size: container.length, sha256: sha256(container) }, wrappedKey },
        tokens['1001'],
      );
      const put = await fetch(`${base}/recording?offset=0`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens['1001']}` },
        body: new Uint8Array(container),
      });
      expect(put.status).toBe(200);
      expect((await post(`${base}/complete`, {}, tokens['1001'])).json.value.state).toBe('archived');
      return id;
    }

    const request = (sessionId: string, who = '3001', reason = '客户投诉复核需要提交录音') => post(api(''), { sessionId, reason }, tokens[who]);
    const approve = (id: string, who = '8001', comment = '同意，仅用于投诉处理') => post(api(`/${id}/approve`), { comment }, tokens[who]);
    const download = (id: string, who = '3001') => fetch(api(`/${id}/download`), { headers: { authorization: `Bearer ${tokens[who]}`, ...WS } });

    it('request → approve → download: one WebM with the original audio packets, watermarked with requester, approval id, approval time and expiry; each step audited', async () => {
      const sessionId = await archived();
      const asked = await request(sessionId);
      expect(asked.status).toBe(200);
      const id = asked.json.value.id as string;
      expect(asked.json.value).toMatchObject({ sessionId, team: 'A', agentId: '1001', requestedBy: '3001', status: 'pending' });
      expect((await get(api('/pending'), tokens['8001'])).json.value.items.map((r: Json) => r.id)).toContain(id);

      const ok = await approve(id);
      expect(ok.status).toBe(200);
      const row = ok.json.value;
      expect(row).toMatchObject({ status: 'approved', decidedBy: '8001', comment: '同意，仅用于投诉处理' });
      expect(Date.parse(row.expiresAt) - Date.parse(row.decidedAt)).toBe(2 * 3600_000); // --export-valid-hours 2
      expect((await get(api('/pending'), tokens['8001'])).json.value.items.map((r: Json) => r.id)).not.toContain(id);

      const res = await download(id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/webm');
      expect(res.headers.get('content-disposition')).toContain(`${id}.webm`);
      const copy = Buffer.from(await res.arrayBuffer());
      const out = join(dir, `${id}.webm`);
      writeFileSync(out, copy);
      const tags = formatTags(out);
      const tag = (name: string) => tags[`MOVIE/${name}`] ?? tags[name];
      expect(tag('HUIFANG_EXPORT_REQUESTER')).toBe('3001 质检');
      expect(tag('HUIFANG_APPROVAL_ID')).toBe(id);
      expect(tag('HUIFANG_APPROVED_BY')).toBe('8001');
      expect(tag('HUIFANG_APPROVED_AT')).toBe(row.decidedAt);
      expect(tag('HUIFANG_EXPORT_EXPIRES_AT')).toBe(row.expiresAt);
      expect(tag('HUIFANG_SESSION_ID')).toBe(sessionId);
      const packets = audioPackets(out);
      expect(packets.length).toBeGreaterThan(50);
      expect(packets).toEqual(audioPackets(webmFile));

      await vi.waitFor(async () => expect((await audited('export.downloaded', '3001')).map((a) => a.target)).toContain(id));
      const delivered = (await audited('export.downloaded', '3001')).find((a) => a.target === id);
      expect(delivered?.detail).toMatchObject({ sessionId, sha256: createHash('sha256').update(copy).digest('hex'), workstation: 'qa-pc-7/abc' });
      expect((await audited('export.requested', '3001')).some((a) => a.target === id)).toBe(true);
      expect((await audited('export.approved', '8001')).find((a) => a.target === id)?.detail).toMatchObject({ requestedBy: '3001', expiresAt: row.expiresAt });

      // One approval, one copy.
      const again = await download(id);
      expect(again.status).toBe(410);
      expect(((await again.json()) as Json).error.code).toBe('gone');
      expect((await audited('export.download_refused', '3001'))[0]).toMatchObject({ target: id, detail: { code: 'gone' } });
      const mine = (await get(api('/mine'), tokens['3001'])).json.value.items.find((r: Json) => r.id === id);
      expect(mine).toMatchObject({ status: 'downloaded' });
      expect(mine.downloadedAt).not.toBeNull();
    });

    it('nobody approves their own request: a department head asking needs another department head; refused and audited', async () => {
      const sessionId = await archived();
      const id = (await request(sessionId, '8001', '监管检查调阅')).json.value.id as string;
      const self = await approve(id, '8001');
      expect(self.status).toBe(403);
      expect(self.json.error.message.zh).toContain('本人');
      expect((await audited('export.decision_refused', '8001'))[0]).toMatchObject({ target: id, detail: { code: 'forbidden', decision: 'approve' } });
      expect((await approve(id, '8002')).json.value.status).toBe('approved');
      expect((await approve(id, '8002')).status).toBe(409); // decided once
    });

    it('wrong roles are refused and audited: an agent cannot request, QA and admins cannot decide, another person cannot download', async () => {
      const sessionId = await archived();
      const agent = await request(sessionId, '1001');
      expect(agent.status).toBe(403);
      expect((await audited('export.request_refused', '1001'))[0]).toMatchObject({ target: sessionId, detail: { code: 'forbidden' } });
      const otherTeam = await request(sessionId, '2101');
      expect(otherTeam.json.error.code).toBe('wrong_team');

      const id = (await request(sessionId, '2001')).json.value.id as string;
      expect((await request(sessionId, '2001')).status).toBe(409); // one open request per session
      for (const who of ['3001', '9001', '2001']) {
        expect((await approve(id, who)).status).toBe(403);
        expect((await audited('export.decision_refused', who))[0]).toMatchObject({ target: id, detail: { code: 'forbidden' } });
      }
      expect((await get(api('/pending'), tokens['3001'])).status).toBe(403);

      const early = await download(id, '2001');
      expect(early.status).toBe(409); // not yet approved
      await approve(id);
      const foreign = await download(id, '3001');
      expect(foreign.status).toBe(403);
      expect((await audited('export.download_refused', '3001'))[0]).toMatchObject({ target: id, detail: { code: 'forbidden' } });
    });

    it('an expired or refused export is not downloaded; a refusal needs a comment; both audited', async () => {
      const sessionId = await archived();
      const late = (await request(sessionId)).json.value.id as string;
      await approve(late);
      await center.context.store.db.updateTable('recording_exports').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', late).execute();
      const expired = await download(late);
      expect(expired.status).toBe(410);
      expect(((await expired.json()) as Json).error.message.zh).toContain('有效期');
      expect((await audited('export.download_refused', '3001'))[0]).toMatchObject({ target: late, detail: { code: 'gone' } });
      expect((await get(api('/mine'), tokens['3001'])).json.value.items.find((r: Json) => r.id === late).status).toBe('expired');

      const no = (await request(sessionId)).json.value.id as string; // the expired one no longer blocks a new request
      const bare = await post(api(`/${no}/refuse`), { comment: '' }, tokens['8001']);
      expect(bare.status).toBe(400);
      expect(bare.json.error.issues[0].path).toBe('comment');
      const r = await post(api(`/${no}/refuse`), { comment: '理由不充分' }, tokens['8001']);
      expect(r.json.value).toMatchObject({ status: 'refused', comment: '理由不充分', expiresAt: null });
      expect((await audited('export.refused', '8001'))[0]).toMatchObject({ target: no, detail: { comment: '理由不充分' } });
      const after = await download(no);
      expect(after.status).toBe(409);
      expect(((await after.json()) as Json).error.message.zh).toContain('拒绝');
    });

    it('a department head is signed in like everyone: /api/me answers the role, logout ends the session', async () => {
      expect((await get(`${center.url}/api/me`, tokens['8002'])).json.value).toMatchObject({ staffNo: '8002', role: 'dept_head' });
      const login = await post(`${center.url}/api/auth/login`, { staffNo: '8002', password: PASSWORD });
      const out = await post(`${center.url}/api/auth/logout`, { refreshToken: login.json.value.refreshToken }, login.json.value.accessToken);
      expect(out.status).toBe(200);
      expect((await post(`${center.url}/api/auth/refresh`, { refreshToken: login.json.value.refreshToken })).status).toBe(401);
    });

    it('bad input gets a specific error: no reason, unknown session, malformed export id', async () => {
      const short = await post(api(''), { sessionId: 'abcdefgh123', reason: ' ' }, tokens['3001']);
      expect(short.status).toBe(400);
      expect(short.json.error.issues.map((i: Json) => i.path)).toEqual(['reason']);
      expect((await request('nosuchsession1')).status).toBe(404);
      expect((await download('EX-zz')).status).toBe(400);
    });
  },
);
