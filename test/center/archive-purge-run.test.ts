import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCenter, type RunningCenter } from '../../center/start-center';
import { openStore, type StoreConfig } from '../../center/store/open-store';
import { readAudit } from '../../center/store/audit-repo';
import { setCenterClock } from '../../center/store/clock';
import { sha256 } from './support/archive-fixtures';
import { archive } from './support/archive-steps';
import { loginAs } from './support/in-process-center';
import { prepared, seedCases, seedUsers } from './support/seed';
import { CENTRE_BUNDLE, CENTRE_NODE_FLAGS } from './support/centre-bundle';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, CENTRE_BUNDLE);
const blobFile = (archiveDir: string, key: string) => join(archiveDir, 'blobs', key.slice(0, 2), key.slice(2, 4), key);

/** A data directory as `serve --data DIR` lays it out, with users and two policies (5-year and 30-year terms). */
async function dataDir(): Promise<{ dir: string; store: StoreConfig }> {
  const dir = mkdtempSync(join(tmpdir(), 'huifang-purge-'));
  const store: StoreConfig = { engine: 'sqlite', file: join(dir, 'center.sqlite') };
  const opened = await openStore(store);
  if (!opened.ok) throw new Error(opened.message);
  await seedUsers(opened.store);
  await seedCases(opened.store, [
    prepared('PP000001', { overrides: { term: { unit: 'years', value: 5 } } }),
    prepared('PP000002', { overrides: { term: { unit: 'years', value: 30 } } }),
  ]);
  await opened.store.close();
  return { dir, store };
}

async function running(d: { dir: string; store: StoreConfig }, purge: { intervalMs: number; firstDelayMs: number } | null): Promise<RunningCenter> {
  const started = await startCenter({ store: d.store, listen: { host: '127.0.0.1', port: 0 }, archiveDir: join(d.dir, 'archive'), purge });
  if (!started.ok) throw new Error(started.message);
  return started.center;
}

async function purgeRuns(store: StoreConfig, actor: string) {
  const opened = await openStore(store);
  if (!opened.ok) throw new Error(opened.message);
  try {
    return {
      runs: await readAudit(opened.store, { action: 'archive.purge_run', actor }),
      purged: await readAudit(opened.store, { action: 'archive.session_purged' }),
    };
  } finally {
    await opened.store.close();
  }
}

describe('the retention purge as a job (README "Evidence archive" → Retention; docs/domain.md §9, §11)', () => {
  afterEach(() => setCenterClock());

  it('`center archive purge --dry-run` prints what is due and deletes nothing; without it, deletes the due session and audits it as the CLI', async () => {
    setCenterClock(() => Date.parse('2026-03-10T04:00:00Z'));
    const d = await dataDir();
    const center = await running(d, null);
    const token = await loginAs(center.url, '1001');
    const due = randomBytes(600);
    await archive(center.url, token, 'cli-due-0001', 'PP000001', due);
    await archive(center.url, token, 'cli-kept-002', 'PP000002', randomBytes(500));
    await center.close();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'archive', 'purge', '--data', d.dir, '--today', '2046-03-11', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    try {
      const dry = cli('--dry-run');
      expect(dry.status).toBe(0);
      const lines = dry.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        event: 'archive_purge',
        dryRun: true,
        due: 1,
        purged: 0,
        items: [{ sessionId: 'cli-due-0001', policyNo: 'PP000001' }],
      });
      expect(existsSync(blobFile(join(d.dir, 'archive'), sha256(due)))).toBe(true);
      expect((await purgeRuns(d.store, 'cli')).purged).toEqual([]);

      const real = cli();
      expect(real.status).toBe(0);
      expect(JSON.parse(real.stdout.trim())).toMatchObject({ dryRun: false, due: 1, purged: 1, blobsRemoved: 1 });
      expect(existsSync(blobFile(join(d.dir, 'archive'), sha256(due)))).toBe(false);
      const audited = await purgeRuns(d.store, 'cli');
      expect(audited.runs.map((r) => (r.detail as { dryRun: boolean }).dryRun)).toEqual([false, true]);
      expect(audited.purged.map((p) => [p.actor, p.target])).toEqual([['cli', 'cli-due-0001']]);

      expect(cli('--bogus').status).not.toBe(0);
    } finally {
      rmSync(d.dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('serve runs the purge on its schedule and stops it on shutdown', async () => {
    setCenterClock(() => Date.parse('2026-03-10T04:00:00Z'));
    const d = await dataDir();
    const center = await running(d, { firstDelayMs: 150, intervalMs: 100 });
    try {
      const token = await loginAs(center.url, '1001');
      await archive(center.url, token, 'sched-due-01', 'PP000001', randomBytes(300));
      setCenterClock(() => Date.parse('2046-03-11T04:00:00Z'));
      await vi.waitFor(
        async () => {
          const r = await purgeRuns(d.store, 'system:retention');
          expect(r.runs.length).toBeGreaterThanOrEqual(2);
          expect(r.purged.map((p) => [p.actor, p.target])).toEqual([['system:retention', 'sched-due-01']]);
        },
        { timeout: 5000, interval: 100 },
      );
    } finally {
      await center.close();
    }
    const after = (await purgeRuns(d.store, 'system:retention')).runs.length;
    await new Promise((r) => setTimeout(r, 350));
    expect((await purgeRuns(d.store, 'system:retention')).runs.length).toBe(after);
    rmSync(d.dir, { recursive: true, force: true });
  }, 30_000);
});
