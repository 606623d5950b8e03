import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAudit } from '../../center/store/audit-repo';
import { startCenter, type RunningCenter } from '../../center/start-center';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';
import { seedUsers } from './support/seed';
import { sha256 } from './support/archive-fixtures';
import { blobFile, uploadSession } from './support/upload-session';

const engines = await enginesUnderTest();
const MiB = 1024 * 1024;
let n = 0;
const newId = () => `i${Date.now().toString(36)}t${n++}xyz`;

/** Flips one byte in the middle of a file: same size, other content. */
function flipByte(file: string): void {
  const fd = openSync(file, 'r+');
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, 1000);
  writeSync(fd, Buffer.from([b[0] ^ 0xff]), 0, 1, 1000);
  closeSync(fd);
}

describe.each(engines)('the evidence archive integrity check on $name (README "Evidence archive"; docs/domain.md §9, §11)', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'huifang-integrity-'));
    center = await startTestCenter({ engine, archiveDir });
    for (const s of ['1001', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  const verify = () => post(`${center.url}/api/admin/archive/verify?wait=1`, {}, tokens['9001']);

  it('an intact archive verifies: each recording re-hashed, each record opened; the report is kept for admins', async () => {
    const container = randomBytes(MiB + 4321);
    await uploadSession(center.url, tokens['1001'], newId(), '1001', container);
    await uploadSession(center.url, tokens['1001'], newId(), '1001', null);
    const r = await verify();
    expect(r.status).toBe(200);
    expect(r.json.value.report).toMatchObject({
      ok: true,
      trigger: 'admin',
      actor: '9001',
      sessions: 2,
      recordings: 1,
      bytes: container.length,
      failureCount: 0,
      failures: [],
    });
    const kept = await get(`${center.url}/api/admin/archive/integrity`, tokens['9001']);
    expect(kept.json.value).toEqual({ running: false, last: r.json.value.report });
    expect((await readAudit(center.context.store, { action: 'archive.integrity_checked' }))[0]).toMatchObject({
      actor: '9001',
      detail: { sessions: 2, failures: 0 },
    });
    expect((await get(`${center.url}/api/admin/archive/integrity`, tokens['3001'])).status).toBe(403);
    expect((await post(`${center.url}/api/admin/archive/verify`, {}, tokens['3001'])).status).toBe(403);
  });

  it('a corrupted recording, a deleted one and a record that no longer opens are each named, audited and kept in the report', async () => {
    const [corrupt, gone, sealed, fine] = [newId(), newId(), newId(), newId()];
    const blobs: Record<string, Buffer> = {};
    for (const id of [corrupt, gone, sealed, fine]) {
      blobs[id] = randomBytes(MiB / 2 + n);
      await uploadSession(center.url, tokens['1001'], id, '1001', blobs[id]);
    }
    flipByte(blobFile(archiveDir, sha256(blobs[corrupt])));
    unlinkSync(blobFile(archiveDir, sha256(blobs[gone])));
    const row = await center.context.store.db
      .selectFrom('archived_sessions')
      .select('session_sealed')
      .where('session_id', '=', sealed)
      .executeTakeFirstOrThrow();
    const raw = Buffer.from(row.session_sealed, 'base64');
    raw[raw.length - 1] ^= 1;
    await center.context.store.db
      .updateTable('archived_sessions')
      .set({ session_sealed: raw.toString('base64') })
      .where('session_id', '=', sealed)
      .execute();

    const report = (await verify()).json.value.report;
    expect(report.ok).toBe(false);
    expect(report.failureCount).toBe(3);
    expect(new Map(report.failures.map((f: { sessionId: string; problems: string[] }) => [f.sessionId, f.problems]))).toEqual(
      new Map([
        [corrupt, ['hash_mismatch']],
        [gone, ['blob_missing']],
        [sealed, ['session_unreadable']],
      ]),
    );
    const audited = await readAudit(center.context.store, { action: 'archive.integrity_failed' });
    expect(audited.map((a) => a.target).sort()).toEqual([corrupt, gone, sealed].sort());
    expect(audited.find((a) => a.target === gone)?.detail).toEqual({ problems: ['blob_missing'], trigger: 'admin' });
    expect((await get(`${center.url}/api/admin/archive/integrity`, tokens['9001'])).json.value.last.failures).toHaveLength(3);
  });

  it('an edited manifest no longer names the stored recording: manifest_mismatch', async () => {
    const id = newId();
    await uploadSession(center.url, tokens['1001'], id, '1001', randomBytes(2000));
    const row = await center.context.store.db.selectFrom('archived_sessions').select('manifest').where('session_id', '=', id).executeTakeFirstOrThrow();
    const manifest = JSON.parse(row.manifest as string) as { parts: { name: string; sha256: string }[] };
    manifest.parts[0].sha256 = sha256(randomBytes(4));
    await center.context.store.db
      .updateTable('archived_sessions')
      .set({ manifest: JSON.stringify(manifest) })
      .where('session_id', '=', id)
      .execute();
    const report = (await verify()).json.value.report;
    expect(report.failures.find((f: { sessionId: string }) => f.sessionId === id)).toEqual({ sessionId: id, problems: ['manifest_mismatch'] });
  });

  it('without ?wait=1 the check runs on after the answer; the report appears when it is done', async () => {
    const r = await post(`${center.url}/api/admin/archive/verify`, {}, tokens['9001']);
    expect(r.json.value).toEqual({ running: true });
    const end = Date.now() + 10_000;
    let last;
    do {
      await new Promise((res) => setTimeout(res, 50));
      last = (await get(`${center.url}/api/admin/archive/integrity`, tokens['9001'])).json.value;
    } while ((last.running || last.last.trigger !== 'admin' || last.last.sessions < 7) && Date.now() < end);
    expect(last).toMatchObject({ running: false, last: { sessions: 7, failureCount: 4 } });
  });
});

describe.each(engines.slice(0, 1))('the scheduled integrity check ($name)', (engine) => {
  it('runs on its own at the configured interval, logs its summary line naming failures, and stops with the centre', async () => {
    const opened = await engine.open();
    await seedUsers(opened.store);
    const archiveDir = mkdtempSync(join(tmpdir(), 'huifang-integrity-'));
    const lines: string[] = [];
    const started = await startCenter({
      store: opened.config,
      listen: { host: '127.0.0.1', port: 0 },
      archiveDir,
      integrityEveryMs: 150,
      log: (l) => lines.push(l),
    });
    if (!started.ok) throw new Error(started.message);
    const centre: RunningCenter = started.center;
    try {
      const token = await loginAs(centre.url, '1001');
      const id = newId();
      const container = randomBytes(5000);
      await uploadSession(centre.url, token, id, '1001', container);
      unlinkSync(blobFile(archiveDir, sha256(container)));
      const end = Date.now() + 10_000;
      while (!lines.some((l) => l.includes(`FAILED: ${id} (blob_missing)`)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(lines.find((l) => l.includes(id))).toMatch(/^centre: archive integrity \(scheduled\): 1 sessions, 0 recordings .* 1 FAILED/);
      const audited = await readAudit(centre.context.store, { action: 'archive.integrity_failed' });
      expect(audited[0]).toMatchObject({ actor: 'system', target: id });
    } finally {
      await centre.close();
      await opened.dispose();
      rmSync(archiveDir, { recursive: true, force: true });
    }
    const after = lines.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(lines.length).toBe(after);
  });
});
