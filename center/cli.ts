/**
 * Case centre command line (runs under plain Node via `tsx center/cli.ts`).
 *
 *   serve  [--data DIR | --db-url postgres://…] [--host 127.0.0.1] [--port 7441] [--demo] [--export-valid-hours 24]
 *          [--sign-in-per-minute 20] [--mapping FILE] [--tls-cert FILE --tls-key FILE] [--today YYYY-MM-DD] [--integrity-hours 24]
 *          [--session-deadline-hours 72]  (a result whose session has not arrived by then is flagged)
 *          [--blob-store fs|s3 --s3-bucket B [--s3-endpoint URL] [--s3-region R] [--s3-prefix P/]
 *           [--s3-lock-mode COMPLIANCE|GOVERNANCE [--s3-lock-years 20]]]   (README "Storage")
 *          Prints one JSON line {"event":"listening","url":…} on stdout when ready, so a
 *          workstation host can launch it as a child process. SIGTERM/SIGINT stop it cleanly.
 *   import FILE [--data DIR | --db-url …] [--mapping FILE] [--report OUT.json] [--actor NAME]
 *          Imports an extracted list (CSV UTF-8/GBK or XLSX), progress on stderr, summary on stdout.
 *   assign [--data DIR | --db-url …] [--capacity 60]   Escalates near-deadline cases and assigns.
 *   calendar load FILE [--data DIR | --db-url …] [--year YYYY] [--actor NAME] [--today YYYY-MM-DD]
 *          Loads one year's official holiday schedule (README "Holiday schedules") and recomputes
 *          the stored deadlines it changes; problems on stderr with their codes.
 *   calendar list [--data DIR | --db-url …]   The loaded years, one JSON line each.
 *   archive purge [--data DIR | --db-url …] [--dry-run] [--actor NAME]   Retention purge, one JSON line.
 *   sip-account set STAFFNO --ws URL --uri sip:… [...] | list | remove STAFFNO [--data DIR | --db-url …]
 *          Agents' SIP accounts handed to their desks at sign-in; the password is read from stdin.
 *   audit verify | archive verify [--data DIR | --db-url …]   The audit log's hash chain, or every archived
 *          recording re-hashed (README "Evidence archive"): one JSON line, exit code 1 when broken.
 *
 * The PostgreSQL URL may also come from HUIFANG_CENTER_DB_URL. With --demo, a freshly seeded centre
 * takes its calling window from HUIFANG_DEMO_CALLING_HOURS (`00:00-24:00`) when set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localToday } from './store/clock';
import { openStore } from './store/open-store';
import { seedDemo } from './demo/seed-demo';
import { applyDemoCallingHours } from './demo/demo-calling-hours';
import { runImport } from './import/import-command';
import { common, dataDir, err, loadMapping, out, storeConfig } from './cli-io';
import { assignCases } from './assign/assign-cases';
import { ESCALATE_WITHIN_WORKING_DAYS, escalateNearDeadline } from './assign/escalate';
import { listLoadedYears } from './calendar/calendar-years-repo';
import { loadHolidaySchedule } from './calendar/load-holiday-schedule';
import { runSipAccountCommand } from './sip-accounts/sip-account-command';
import { BLOB_STORE_FLAGS, blobStoreConfig } from './archive/s3-config';
import { runIntegrityCommand } from './integrity-command';
import { runPurgeCommand } from './archive/purge-command';

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...common,
      host: { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      ...BLOB_STORE_FLAGS,
      'export-valid-hours': { type: 'string' },
      'sign-in-per-minute': { type: 'string' },
      'integrity-hours': { type: 'string' },
      'session-deadline-hours': { type: 'string' },
    },
  });
  const blobStore = blobStoreConfig(values, process.env);
  if (!blobStore.ok) return usage(blobStore.message);
  const deadlineHours = values['session-deadline-hours'] === undefined ? undefined : Number(values['session-deadline-hours']);
  if (deadlineHours !== undefined && !(deadlineHours > 0 && deadlineHours <= 24 * 90)) {
    return usage(`invalid --session-deadline-hours ${values['session-deadline-hours']}: hours, more than 0 and at most 2160 (90 days)`);
  }
  const port = Number(values.port ?? 7441);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`invalid --port ${values.port}`);
  const exportValidHours = Number(values['export-valid-hours'] ?? 24);
  // Recording exports (README "Recording exports"): at least an hour, at most a week.
  if (!(exportValidHours >= 1 && exportValidHours <= 168)) return usage(`invalid --export-valid-hours ${values['export-valid-hours']} (1–168)`);
  const signInPerMinute = Number(values['sign-in-per-minute'] ?? 20);
  // Guessing passwords: per address and staff number; a whole floor behind one NAT still signs in.
  if (!(Number.isInteger(signInPerMinute) && signInPerMinute >= 1)) return usage(`invalid --sign-in-per-minute ${values['sign-in-per-minute']} (≥ 1)`);
  const hours = Number(values['integrity-hours'] ?? 24);
  if (!(hours >= 0 && hours <= 24 * 366)) return usage(`invalid --integrity-hours ${values['integrity-hours']} (0 = off, at most a year)`);
  const tls = values['tls-cert'] && values['tls-key'] ? { certFile: values['tls-cert'], keyFile: values['tls-key'] } : undefined;
  // Loaded only for `serve`: the HTTP framework costs seconds to load that the one-shot commands need not pay.
  const { startCenter } = await import('./start-center');
  const started = await startCenter({
    store: storeConfig(values),
    listen: { host: values.host ?? '127.0.0.1', port, tls },
    limits: { exportValidHours, signInPerMinute },
    mapping: loadMapping(values.mapping),
    today: values.today,
    archiveDir: join(dataDir(values.data), 'archive'),
    s3: blobStore.s3 ?? undefined,
    integrityEveryMs: hours * 3600_000,
    log: err,
    resultCheck: { deadlineHours },
  });
  if (!started.ok) {
    out({ event: 'error', message: started.message });
    return 1;
  }
  const center = started.center;
  if (values.demo) {
    const seeded = await seedDemo(center.context.store, center.context.today());
    if (seeded.seeded)
      err('centre: demo dataset seeded (accounts 1001/1002 agents, 2001 team lead, 3001 QA, 9001 admin, 8001 department head; password demo1234)');
    const hours = process.env.HUIFANG_DEMO_CALLING_HOURS;
    if (seeded.seeded && hours) err((await applyDemoCallingHours(center.context.store, hours)) ?? `centre: demo calling hours ${hours}`);
  }
  out({ event: 'listening', url: center.url, engine: center.context.store.engine });
  const stop = () => {
    void center.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // When launched by the workstation host, exit if the parent goes away (stdin closes).
  if (process.env.HUIFANG_CENTER_EXIT_WITH_PARENT === '1') process.stdin.on('end', stop).resume();
  return -1;
}

async function runAssign(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...common, capacity: { type: 'string' } } });
  const opened = await openStore(storeConfig(values));
  if (!opened.ok) {
    err(opened.message);
    return 1;
  }
  try {
    const today = values.today ?? localToday();
    const esc = await escalateNearDeadline(opened.store, today, ESCALATE_WITHIN_WORKING_DAYS, 'cli');
    const res = await assignCases(opened.store, { capacity: Number(values.capacity ?? 60), actor: 'cli' });
    out({ event: 'assigned', assigned: res.assigned.length, escalated: esc.escalated.length, unassigned: res.unassigned.length });
    return 0;
  } finally {
    await opened.store.close();
  }
}

async function runCalendar(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'load' && sub !== 'list') return usage('calendar needs load FILE or list');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { ...common, year: { type: 'string' }, actor: { type: 'string' } },
  });
  let text = '';
  if (sub === 'load') {
    if (!positionals[0]) return usage('calendar load needs a file');
    try {
      text = readFileSync(positionals[0], 'utf8');
    } catch {
      err(`calendar: cannot read ${positionals[0]}`);
      return 1;
    }
  }
  const opened = await openStore(storeConfig(values));
  if (!opened.ok) {
    err(opened.message);
    return 1;
  }
  try {
    if (sub === 'list') {
      for (const y of await listLoadedYears(opened.store)) out({ event: 'calendar_year', ...y });
      return 0;
    }
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) return usage(`invalid --year ${values.year}`);
    const expectedYear = values.year === undefined ? undefined : Number(values.year);
    const loaded = await loadHolidaySchedule(opened.store, text, { actor: values.actor ?? 'cli', today: values.today ?? localToday(), expectedYear });
    if (!loaded.ok) {
      for (const e of loaded.errors) err(`calendar: ${e.code} at ${e.path || '(file)'}: ${e.message.en}`);
      return 1;
    }
    const r = loaded.value;
    for (const w of r.warnings) err(`calendar: warning ${w.code} at ${w.path}: ${w.message.en}`);
    out({
      event: 'calendar_loaded',
      year: r.year,
      source: r.source,
      replaced: r.replaced,
      casesChanged: r.casesChanged,
      deadlinesMoved: r.movedDeadlines.length,
      workOrdersChanged: r.workOrdersChanged,
    });
    return 0;
  } finally {
    await opened.store.close();
  }
}

async function runArchive(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'purge') return usage('archive needs purge');
  const { values } = parseArgs({ args: rest, options: { ...common, 'dry-run': { type: 'boolean' }, actor: { type: 'string' } } });
  const archiveDir = join(dataDir(values.data), 'archive');
  const run = { today: values.today ?? localToday(), dryRun: values['dry-run'] === true, actor: values.actor ?? 'cli' };
  return runPurgeCommand({ store: storeConfig(values), archiveDir, ...run, out, err });
}

async function runSipAccount(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, strict: false, options: common });
  const data = typeof values.data === 'string' ? values.data : undefined;
  const storeArgs = { data, 'db-url': typeof values['db-url'] === 'string' ? values['db-url'] : undefined };
  const own = rest.filter((a, i) => !['--data', '--db-url'].includes(a) && !['--data', '--db-url'].includes(rest[i - 1] ?? ''));
  return runSipAccountCommand(sub, own, {
    store: storeConfig(storeArgs),
    keyDir: join(dataDir(data), 'archive', 'keys'),
    out,
    err,
    readPassword: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
}

function usage(problem?: string): number {
  if (problem) err(problem);
  err(
    'usage: center serve [--data DIR|--db-url URL] [--port N] [--demo] | center import FILE [...] | center assign [...] | center calendar load FILE [...] | center calendar list [...] | center sip-account set|list|remove [...] | center audit|archive verify [...] | center archive purge [--dry-run] [...]',
  );
  return 2;
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  let code: number;
  try {
    code =
      cmd === 'serve'
        ? await serve(rest)
        : cmd === 'import'
          ? await runImport(rest, usage)
          : cmd === 'assign'
            ? await runAssign(rest)
            : cmd === 'calendar'
              ? await runCalendar(rest)
              : cmd === 'sip-account'
                ? await runSipAccount(rest)
                : cmd === 'archive' && rest[0] === 'purge'
                  ? await runArchive(rest)
                  : cmd === 'audit' || cmd === 'archive'
                    ? await runIntegrityCommand(cmd, rest, { storeConfig, dataDir, out, err })
                    : usage(cmd ? `unknown command ${cmd}` : undefined);
  } catch (e) {
    err(`centre: ${(e as Error).message}`);
    code = 2;
  }
  if (code >= 0) process.exit(code);
}

void main();
