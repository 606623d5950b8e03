import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CenterClient } from '../../main/services/center/center-client';
import { row, utf8Csv } from './support/list-files';
import { seedUsers } from './support/seed';
import { openStore } from '../../center/store/open-store';
import { readSipAccount } from '../../center/store/sip-accounts-repo';
import { loadArchiveKeys } from '../../center/archive/archive-keys';
import { CENTRE_BUNDLE, CENTRE_NODE_FLAGS } from './support/centre-bundle';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, CENTRE_BUNDLE);
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'huifang-cli-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('center CLI, bundled as `npm run center` runs it (README → The case centre on its own)', () => {
  it('serve --demo prints a listening line; the demo agent sees a queue of synthetic policies', async () => {
    const child = spawn(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'serve', '--data', dir, '--port', '0', '--demo'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<{ event: string; url: string }>((res, rej) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const first = out.split('\n')[0];
          if (out.includes('\n')) res(JSON.parse(first));
        });
        child.once('exit', (c) => rej(new Error(`exited ${c}`)));
      });
      expect(line.event).toBe('listening');
      expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new CenterClient({ baseUrl: line.url });
      expect((await client.login('1001', 'demo1234')).ok).toBe(true);
      const q = await client.pull(null);
      if (!q.ok) throw new Error(q.error.message.en);
      expect(q.value.upserts.length).toBeGreaterThan(5);
      for (const c of q.value.upserts) {
        const holder = (c.data as { policyholder: { name: string; idNumber: string } }).policyholder;
        expect(holder.name).toMatch(/^\p{Script=Han}{3}$/u);
        expect(holder.idNumber.startsWith('999999')).toBe(true); // visibly fake area code
      }
      for (const staff of ['2001', '3001', '9001']) expect((await new CenterClient({ baseUrl: line.url }).login(staff, 'demo1234')).ok).toBe(true);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('with HUIFANG_CENTER_EXIT_WITH_PARENT=1 the centre exits when its stdin closes (parent gone)', async () => {
    const child = spawn(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'serve', '--data', dir, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, HUIFANG_CENTER_EXIT_WITH_PARENT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && res());
      child.once('exit', () => rej(new Error('exited early')));
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.stdin.end();
    expect(await exited).toBe(0);
  });

  it('import prints a summary and exits 0 with rejected rows; exits 1 on an unreadable file', () => {
    const file = join(dir, 'list.csv');
    writeFileSync(file, utf8Csv([row(1), row(2, { 承保日期: 'soon' })]));
    const ok = spawnSync(
      process.execPath,
      [...CENTRE_NODE_FLAGS, CLI, 'import', file, '--data', dir, '--today', '2026-03-10', '--report', join(dir, 'r.json')],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(ok.status).toBe(0);
    const summary = JSON.parse(ok.stdout.trim().split('\n').pop() as string);
    expect(summary).toMatchObject({ event: 'imported', total: 2, counts: { inserted: 1, rejected: 1 } });
    expect(ok.stderr).toMatch(/line 3 rejected: dates\.underwriting/);
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const fail = spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'import', bad, '--data', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(fail.status).toBe(1);
    expect(fail.stderr).toMatch(/truncated or damaged/);
    const usage = spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it("calendar load stores a year's holiday schedule and calendar list shows it; a bad file exits 1 naming each problem's code", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'calendar', ...args, '--data', dir], { cwd: ROOT, encoding: 'utf8' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ year: 2027, holidays: [{ name: '国庆节', days: ['2027-10-01', '2028-10-02'] }], workdays: ['2027-10-03'] }));
    const refused = run('load', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/date_outside_year at holidays\[0\]\.days\[1\]/);
    expect(refused.stderr).toMatch(/workday_on_statutory_holiday at workdays\[0\]/);
    const loaded = run('load', join(ROOT, 'center/demo/holidays-2027.example.json'), '--actor', 'ops');
    expect(loaded.status).toBe(0);
    expect(JSON.parse(loaded.stdout.trim())).toMatchObject({ event: 'calendar_loaded', year: 2027, replaced: false, casesChanged: 0 });
    const listed = run('list');
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([expect.objectContaining({ event: 'calendar_year', year: 2027, loadedBy: 'ops' })]);
  });

  it('sip-account set reads the password from stdin and seals it; list never prints it; bad input names the field; remove says when there is nothing to remove (README → SIP accounts from the centre)', async () => {
    const file = join(dir, 'center.sqlite');
    const opened = await openStore({ engine: 'sqlite', file });
    if (!opened.ok) throw new Error(opened.message);
    await seedUsers(opened.store);
    await opened.store.close();
    const cli = (args: string[], input = '') =>
      spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, CLI, 'sip-account', ...args, '--data', dir], { cwd: ROOT, encoding: 'utf8', input });
    const set = cli(['set', '1001', '--ws', 'wss://pbx.example.cn/ws', '--uri', 'sip:1001@pbx.example.cn', '--caller-id', '95500'], 'pw-1001\n');
    expect([set.status, set.stderr]).toEqual([0, '']);
    const check = await openStore({ engine: 'sqlite', file });
    if (!check.ok) throw new Error(check.message);
    const key = (await loadArchiveKeys(join(dir, 'archive', 'keys'))).sessionKey;
    expect(await readSipAccount(check.store, key, '1001')).toMatchObject({ config: { authUser: '1001', callerId: '95500' }, password: 'pw-1001' });
    await check.store.close();
    const list = cli(['list']);
    expect(list.stdout).toContain('sip:1001@pbx.example.cn');
    expect(list.stdout).not.toContain('pw-1001');
    const bad = cli(['set', '1002', '--ws', 'http://pbx', '--uri', 'sip:1002@pbx.example.cn'], 'pw');
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining('wsUrl')]);
    const noPassword = cli(['set', '1002', '--ws', 'wss://pbx.example.cn/ws', '--uri', 'sip:1002@pbx.example.cn']);
    expect([noPassword.status, noPassword.stderr]).toEqual([1, expect.stringContaining('password: required on stdin')]);
    expect(cli(['remove', '1001']).status).toBe(0);
    expect(cli(['remove', '1001']).stderr).toContain('1001 has no SIP account from the centre');
  });
});
