import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveUploader } from '../../../../main/services/archive/archive-uploader';
import { httpArchiveCentre } from '../../../../main/services/archive/archive-centre';
import { nodeRecordingFs } from '../../../../main/services/recording/recording-fs';
import { loginAs, startTestCenter, type TestCenter } from '../../../center/support/in-process-center';
import { buildServices, liveWebm, splitChunks, tempDataDir } from '../recording/support';

// ≈ 400 s of stereo Opus at 48 kbit/s: a container of a few MiB, so the upload takes several chunks.
const source = liveWebm(400);
const chunks = splitChunks(source, 64 * 1024);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Services = Awaited<ReturnType<typeof buildServices>>;

async function recordedSession(s: Services, agentId: string, opts: { stop?: boolean; caseId?: string } = {}): Promise<string> {
  const { sessionId } = await s.sessions.open({
    caseId: opts.caseId ?? 'P2026-0001',
    agentId,
    scriptId: 'xq-standard',
    scriptVersion: '3',
    contractEndDate: null,
  });
  await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
  for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(sessionId, seq, c);
  if (opts.stop !== false) await s.recording.stop(sessionId);
  await s.sessions.close({ sessionId, answers: { identity: '是' }, outcome: 'standard', outcomeNote: null });
  return sessionId;
}

describe('ArchiveUploader: a closed session and its recording reach the centre exactly once (docs/domain.md §9, §11)', () => {
  let center: TestCenter;
  let archiveDir: string;
  let token: string;

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(tmpdir(), 'huifang-archive-main-'));
    center = await startTestCenter({ archiveDir });
    token = await loginAs(center.url, '1001');
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  function uploader(s: Services, dataDir: string, fetchImpl: typeof fetch = fetch, online = true, as = token) {
    const centre = httpArchiveCentre({
      fetch: fetchImpl,
      endpoint: async () =>
        online
          ? { ok: true, value: { baseUrl: center.url, accessToken: as } }
          : { ok: false, error: { code: 'network', message: { zh: '无法连接案件中心', en: 'cannot reach the case centre' } } },
    });
    return new ArchiveUploader({ dataDir, fs: nodeRecordingFs(), sessions: s.sessions, recordingKey: s.recordingKey, centre });
  }

  const containerOf = (dataDir: string, id: string) => readFileSync(path.join(dataDir, 'sessions', id, 'audio.webm.enc'));
  const blobAtCentre = (sha: string) => readFileSync(path.join(archiveDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha));
  const rowsOf = (id: string) => center.context.store.db.selectFrom('archived_sessions').selectAll().where('session_id', '=', id).execute();

  it('uploads a closed session with its finalised recording: the bytes at the centre equal the desk’s container, and never again', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const container = containerOf(dataDir, id);
    expect(container.length).toBeGreaterThan(2 * 1024 * 1024);

    expect(await uploader(s, dataDir).upload('1001', id)).toEqual({ kind: 'archived' });
    expect(blobAtCentre(sha256(container)).equals(container)).toBe(true);
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agent_id: '1001', case_id: 'P2026-0001', recording_sha256: sha256(container), recording_bytes: container.length });

    let calls = 0;
    const counting: typeof fetch = (input, init) => (calls++, fetch(input, init));
    expect(await uploader(s, dataDir, counting).upload('1001', id)).toEqual({ kind: 'archived' });
    expect(calls).toBe(0);
  });

  it('a practice call on the training line is marked training, deletable at once, and never archived (README "The training line")', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001', { caseId: 'TRAIN-1' });
    const session = await s.sessions.get(id);
    expect(session.training).toBe(true);
    expect(session.retention.until).toBe(session.createdAt);
    expect((await s.sessions.list({ limit: 10 })).find((x) => x.id === id)?.training).toBe(true);

    let calls = 0;
    const counting: typeof fetch = (input, init) => (calls++, fetch(input, init));
    expect(await uploader(s, dataDir, counting).upload('1001', id)).toMatchObject({ kind: 'not_evidence' });
    expect(calls).toBe(0);
    expect(await rowsOf(id)).toHaveLength(0);
    expect(await uploader(s, dataDir).unarchived('1001')).toEqual([]);
  });

  it('a run killed mid-upload resumes at the centre’s offset: one archived row, identical bytes', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const container = containerOf(dataDir, id);

    let puts = 0;
    const dying: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && ++puts > 2) throw new TypeError('fetch failed: connection reset');
      return fetch(input, init);
    };
    const first = await uploader(s, dataDir, dying).upload('1001', id);
    expect(first).toMatchObject({ kind: 'waiting', bytesLeft: container.length - 2 * 1024 * 1024 });

    const offsets: number[] = [];
    const watching: typeof fetch = (input, init) => {
      const m = /offset=(\d+)/.exec(String(input));
      if (m) offsets.push(Number(m[1]));
      return fetch(input, init);
    };
    expect(await uploader(s, dataDir, watching).upload('1001', id)).toEqual({ kind: 'archived' });
    expect(offsets[0]).toBe(2 * 1024 * 1024);
    expect(await rowsOf(id)).toHaveLength(1);
    expect(blobAtCentre(sha256(container)).equals(container)).toBe(true);
  });

  it('offline: the session waits with all its bytes for the next run', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const size = containerOf(dataDir, id).length;
    // Said to be unreachable: the outbox stops its run rather than ask for every session in turn.
    expect(await uploader(s, dataDir, fetch, false).upload('1001', id)).toMatchObject({ kind: 'waiting', bytesLeft: size, unreachable: true });
    expect(await uploader(s, dataDir, fetch, false).unarchived('1001')).toEqual([{ sessionId: id, bytes: size, endedAt: expect.any(Number) }]);
    expect(await rowsOf(id)).toEqual([]);
  });

  it('a centre fault mid-upload (a proxy’s 502 page, the centre’s own 503) leaves the session waiting with a reason; the next run resumes and archives it', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const container = containerOf(dataDir, id);
    let puts = 0;
    const faulty =
      (answer: () => Response): typeof fetch =>
      (input, init) =>
        init?.method === 'PUT' && ++puts === 2 ? Promise.resolve(answer()) : fetch(input, init);
    const badGateway = () => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const unavailable = () =>
      Response.json({ ok: false, error: { code: 'internal', message: { zh: '归档存储暂不可用', en: 'blob store unavailable' } } }, { status: 503 });
    for (const answer of [badGateway, unavailable]) {
      puts = 0;
      const r = await uploader(s, dataDir, faulty(answer)).upload('1001', id);
      expect(r).toMatchObject({ kind: 'waiting', reason: expect.any(String) });
      expect(r).not.toHaveProperty('unreachable'); // the centre (or a proxy) answered: the next session may fare better
      expect(r.kind === 'waiting' && r.bytesLeft).toBeGreaterThan(0);
      expect(r.kind === 'waiting' && r.reason.length).toBeGreaterThan(0);
    }
    expect(await rowsOf(id)).toEqual([]);
    expect(await uploader(s, dataDir).upload('1001', id)).toEqual({ kind: 'archived' });
    expect(blobAtCentre(sha256(container)).equals(container)).toBe(true);
  });

  it('a session whose recording is still running waits: not uploaded yet', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001', { stop: false });
    expect((await s.sessions.get(id)).recording.state).toBe('recording');
    expect(await uploader(s, dataDir).upload('1001', id)).toMatchObject({ kind: 'waiting' });
    expect(await rowsOf(id)).toEqual([]);
  });

  it("a colleague's session on the same PC is left for them, not sent under this agent", async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1002');
    expect(await uploader(s, dataDir).upload('1001', id)).toMatchObject({ kind: 'waiting' });
    expect(await uploader(s, dataDir).unarchived('1001')).toEqual([]);
    expect(await rowsOf(id)).toEqual([]);
  });

  it("a session the centre refuses for good (another agent's) is set aside with the reason and not retried", async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const other = await loginAs(center.url, '1002');
    expect(await uploader(s, dataDir, fetch, true, other).upload('1001', id)).toMatchObject({
      kind: 'set_aside',
      reason: expect.stringContaining('forbidden'),
    });
    const note = JSON.parse(readFileSync(path.join(dataDir, 'sessions', id, 'archive.json'), 'utf8'));
    expect(note).toMatchObject({ state: 'set_aside', reason: expect.stringContaining('forbidden') });
    let calls = 0;
    const counting: typeof fetch = (input, init) => (calls++, fetch(input, init));
    expect(await uploader(s, dataDir, counting).upload('1001', id)).toMatchObject({ kind: 'set_aside' });
    expect(calls).toBe(0);
    expect(await rowsOf(id)).toEqual([]);
  });

  it('a chunk damaged on the way fails its x-chunk-sha256 at the centre and is sent again at once: archived in the same run', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const container = containerOf(dataDir, id);
    let puts = 0;
    const flipping: typeof fetch = (input, init) => {
      if (init?.method === 'PUT' && ++puts === 2) {
        const body = Buffer.from(init.body as Uint8Array);
        body[100] ^= 0xff;
        return fetch(input, { ...init, body: new Uint8Array(body) });
      }
      return fetch(input, init);
    };
    expect(await uploader(s, dataDir, flipping).upload('1001', id)).toEqual({ kind: 'archived' });
    expect(puts).toBe(Math.ceil(container.length / (1024 * 1024)) + 1);
    expect(blobAtCentre(sha256(container)).equals(container)).toBe(true);
  });

  it('bytes damaged before their chunk hash was taken pass the chunk check but not the whole-file hash: sent again from 0 at the next run', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const container = containerOf(dataDir, id);
    let damaged = false;
    const flipping: typeof fetch = (input, init) => {
      if (init?.method === 'PUT' && !damaged) {
        damaged = true;
        const body = Buffer.from(init.body as Uint8Array);
        body[100] ^= 0xff;
        const headers = { ...(init.headers as Record<string, string>), 'x-chunk-sha256': sha256(body) };
        return fetch(input, { ...init, headers, body: new Uint8Array(body) });
      }
      return fetch(input, init);
    };
    expect(await uploader(s, dataDir, flipping).upload('1001', id)).toMatchObject({ kind: 'waiting', bytesLeft: container.length });
    expect(await uploader(s, dataDir).upload('1001', id)).toEqual({ kind: 'archived' });
    expect(blobAtCentre(sha256(container)).equals(container)).toBe(true);
  });

  it('a local container that no longer matches its manifest is set aside, not sent for ever', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const id = await recordedSession(s, '1001');
    const file = path.join(dataDir, 'sessions', id, 'audio.webm.enc');
    const bytes = readFileSync(file);
    bytes[5000] ^= 0xff;
    writeFileSync(file, bytes);
    expect(await uploader(s, dataDir).upload('1001', id)).toMatchObject({ kind: 'set_aside' });
    expect(await rowsOf(id)).toEqual([]);
  });
});
