import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { audit, readAudit } from '../../center/store/audit-repo';
import { openStore, type Store } from '../../center/store/open-store';
import { startCenter } from '../../center/start-center';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, startTestCenter, type TestCenter } from './support/in-process-center';
import { seedUsers } from './support/seed';
import { sha256 } from './support/archive-fixtures';
import { blobFile, uploadSession } from './support/upload-session';
import { CENTRE_BUNDLE, CENTRE_NODE_FLAGS } from './support/centre-bundle';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, CENTRE_BUNDLE);
const engines = await enginesUnderTest();

function cli(...args: string[]): { status: number | null; json: Record<string, unknown> | null; stderr: string } {
  const r = spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HUIFANG_CENTER_DB_URL: '' },
  });
  const line = r.stdout.trim().split('\n')[0];
  return { status: r.status, json: line ? (JSON.parse(line) as Record<string, unknown>) : null, stderr: r.stderr };
}

async function withStore<T>(dir: string, work: (store: Store) => Promise<T>): Promise<T> {
  const opened = await openStore({ engine: 'sqlite', file: join(dir, 'center.sqlite') });
  if (!opened.ok) throw new Error(opened.message);
  try {
    return await work(opened.store);
  } finally {
    await opened.store.close();
  }
}

describe('center CLI: audit verify and archive verify (README "Evidence archive" → Integrity)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'huifang-integrity-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('audit verify prints one JSON line; a tampered row exits 1 and is named', async () => {
    const ids = await withStore(dir, async (store) => {
      for (const action of ['one', 'two', 'three']) await audit(store.db, { actor: '9001', action });
      return (await store.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    });
    const fine = cli('audit', 'verify', '--data', dir);
    expect(fine.status).toBe(0);
    expect(fine.json).toMatchObject({ ok: true, rows: 3 });
    await withStore(dir, (store) => store.db.updateTable('audit_log').set({ action: 'rewritten' }).where('id', '=', ids[1]).execute());
    const broken = cli('audit', 'verify', '--data', dir);
    expect(broken.status).toBe(1);
    expect(broken.json).toMatchObject({ ok: false, firstBroken: { id: ids[1], reason: 'content_changed' } });
    expect(await withStore(dir, async (store) => (await readAudit(store, { action: 'admin.audit_verified' })).length)).toBe(2);
  });

  it('archive verify re-hashes the stored recordings: a corrupted one exits 1 naming its session; without the keys it cannot run (2)', async () => {
    await withStore(dir, seedUsers);
    const started = await startCenter({
      store: { engine: 'sqlite', file: join(dir, 'center.sqlite') },
      listen: { host: '127.0.0.1', port: 0 },
      archiveDir: join(dir, 'archive'),
      integrityEveryMs: 0,
    });
    if (!started.ok) throw new Error(started.message);
    const id = 'cliverify0001';
    const container = randomBytes(300_000);
    try {
      await uploadSession(started.center.url, await loginAs(started.center.url, '1001'), id, '1001', container);
    } finally {
      await started.center.close();
    }
    const fine = cli('archive', 'verify', '--data', dir);
    expect(fine.status).toBe(0);
    expect(fine.json).toMatchObject({ ok: true, sessions: 1, recordings: 1, bytes: container.length, trigger: 'cli' });

    const fd = openSync(blobFile(join(dir, 'archive'), sha256(container)), 'r+');
    writeSync(fd, Buffer.from('tampered'), 0, 8, 5000);
    closeSync(fd);
    const broken = cli('archive', 'verify', '--data', dir);
    expect(broken.status).toBe(1);
    expect(broken.json).toMatchObject({ ok: false, failureCount: 1, failures: [{ sessionId: id, problems: ['hash_mismatch'] }] });
    expect(broken.stderr).toContain(`1 FAILED: ${id} (hash_mismatch)`);

    rmSync(join(dir, 'archive', 'keys'), { recursive: true });
    const keyless = cli('archive', 'verify', '--data', dir);
    expect(keyless.status).toBe(2);
    expect(keyless.stderr).toContain('no archive keys');
  });
});

describe.each(engines)('GET /api/admin/audit/verify on $name (README "Security")', (engine) => {
  let center: TestCenter;
  beforeAll(async () => (center = await startTestCenter({ engine })));
  afterAll(async () => center.close());

  it('answers the chain verdict to admins only, names a tampered row, and is itself audited', async () => {
    const admin = await loginAs(center.url, '9001');
    const fine = await get(`${center.url}/api/admin/audit/verify`, admin);
    expect(fine.status).toBe(200);
    expect(fine.json.value).toMatchObject({ ok: true });
    expect(fine.json.value.rows).toBeGreaterThan(0); // at least the sign-in
    const login = await center.context.store.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.login').orderBy('id').executeTakeFirstOrThrow();
    await center.context.store.db.updateTable('audit_log').set({ actor: '0000' }).where('id', '=', login.id).execute();
    const broken = await get(`${center.url}/api/admin/audit/verify`, admin);
    expect(broken.json.value).toMatchObject({ ok: false, firstBroken: { id: Number(login.id), reason: 'content_changed' } });
    expect((await get(`${center.url}/api/admin/audit/verify`, await loginAs(center.url, '3001'))).status).toBe(403);
    const verified = await readAudit(center.context.store, { action: 'admin.audit_verified' });
    expect(verified[0].detail).toMatchObject({ ok: false, firstBroken: { id: Number(login.id) } });
  });
});
