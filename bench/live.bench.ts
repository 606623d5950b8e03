import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { hashPassword } from '../center/auth/password';
import { openStore } from '../center/store/open-store';
import { upsertUser } from '../center/store/users-repo';
import { CHANNEL_PATH, type ChannelMessage, type LiveState } from '../shared/sync';
import { startListeningProcess, type ListeningProcess } from '../test/e2e/harness/listening-process';
import { CENTRE_BUNDLE } from '../test/center/support/centre-bundle';
import { median, spread } from './lib/stats';
import type { Report } from './run';

const TEAMS = 20;
const AGENTS_PER_TEAM = 15;
const REPS = 3;
const REP_MS = 10_000;
/** Each agent changes state every 3–7 s (≈60 changes a second over the 300). */
const GAP_MS = [3000, 7000] as const;
const PASSWORD = 'bench-pass-1';

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)] ?? NaN;

const state = (marker: string): LiveState => ({
  status: 'in_call',
  statusSince: marker,
  pauseReason: null,
  case: { policyNo: 'P2026000001', kind: 'new' },
  call: { phase: 'connected', since: marker },
  script: null,
  updatedAt: marker,
});

async function signIn(url: string, staffNo: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffNo, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in ${staffNo}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { value: { accessToken: string } }).value.accessToken;
}

/** An agent's latest publication not yet on its lead's board (one at a time per agent). */
interface Pending {
  /** The state's `updatedAt`: tells this publication from the agent's earlier ones. */
  readonly marker: string;
  readonly sentAt: number;
  readonly agentCentre: number;
  notified: boolean;
}

/** What one repetition measured (ms), and the board reads that failed (HTTP status). */
interface Tallies {
  push: number[];
  pushSame: number[];
  board: number[];
  boardCross: number[];
  failedReads: number[];
}

/**
 * A lead's board as the desk runs it (renderer/features/live/use-team-live.ts): a `live` notice
 * carrying the agent's change updates the board at once; one without it (an older centre) makes it
 * read the team (`GET /api/team/live`), one read at a time, a notice during a read causing one more
 * read (the desk's 1 s gap and 10 s poll left out). Records, per publication, publish → notice
 * (`push`) and publish → the board holds the new state (`board`).
 */
function leadBoard(url: string, token: string, centre: number, pending: Map<string, Pending>, out: Tallies) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}${CHANNEL_PATH}`, { headers: { authorization: `Bearer ${token}` } });
  let reading = false;
  let again = false;
  const seen = (staffNo: string, marker: string | undefined, at: number) => {
    const p = pending.get(staffNo);
    if (!p || marker !== p.marker) return;
    pending.delete(staffNo);
    out.board.push(at - p.sentAt);
    if (p.agentCentre !== centre) out.boardCross.push(at - p.sentAt);
  };
  const read = async (): Promise<void> => {
    if (reading) return void (again = true);
    reading = true;
    do {
      again = false;
      const r = await fetch(`${url}/api/team/live`, { headers: { authorization: `Bearer ${token}` } });
      if (!r.ok) {
        out.failedReads.push(r.status);
        process.stderr.write(`live bench: board read ${r.status} ${(await r.text()).slice(0, 200)}\n`);
        continue;
      }
      const agents = ((await r.json()) as { value: { agents: { staffNo: string; state: LiveState | null }[] } }).value.agents;
      const at = Date.now();
      for (const a of agents) seen(a.staffNo, a.state?.updatedAt, at);
    } while (again);
    reading = false;
  };
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ChannelMessage;
    if (m.type !== 'live') return;
    const at = Date.now();
    const p = pending.get(m.staffNo);
    if (p && !p.notified) {
      p.notified = true;
      out.push.push(at - p.sentAt);
      if (p.agentCentre === centre) out.pushSame.push(at - p.sentAt);
    }
    if (m.update) seen(m.staffNo, m.update.state?.updatedAt, at);
    else void read();
  });
  return new Promise<WebSocket>((res, rej) => {
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

/**
 * `live.event_p95_ms`: an agent's state change → the lead's board holds it, 300 agents and 20 leads
 * (15 agents a team) over 2 centre processes on one PostgreSQL schema; agents and leads alternate
 * between the two, so half the changes cross processes (table + NOTIFY, center/live/pg-live-relay.ts).
 * p95 per 10 s repetition, median over 3 (min/max beside). Baseline `live.push_same_p95_ms`: the
 * bare push round trip on one process (publish → the `live` notice on a lead socket of the same
 * process, no read), measured in the same run; `live.event_p95_ratio` = event / baseline.
 */
export default async function liveBench(report: Report): Promise<void> {
  const url = process.env.HUIFANG_BENCH_PG_URL ?? process.env.HUIFANG_TEST_PG_URL;
  if (!url) return void process.stderr.write('live.event_p95_ms skipped: set HUIFANG_TEST_PG_URL\n');
  const schema = `bench_live_${Date.now().toString(36)}`;
  const opened = await openStore({ engine: 'postgres', url, schema });
  if (!opened.ok) throw new Error(opened.message);
  const hash = await hashPassword(PASSWORD, { N: 1 << 10, r: 8, p: 1 });
  const agents: { staffNo: string; team: number }[] = [];
  for (let t = 0; t < TEAMS; t++) {
    await upsertUser(opened.store, {
      staffNo: String(5000 + t),
      name: `班长${t}`,
      role: 'team_lead',
      team: `T${t}`,
      languages: ['mandarin'],
      passwordHash: hash,
    });
    for (let i = 0; i < AGENTS_PER_TEAM; i++) {
      const staffNo = String(10000 + t * 100 + i);
      agents.push({ staffNo, team: t });
      await upsertUser(opened.store, { staffNo, name: `坐席${staffNo}`, role: 'agent', team: `T${t}`, languages: ['mandarin'], passwordHash: hash });
    }
  }
  await opened.store.close();
  const centres: ListeningProcess[] = [];
  const sockets: WebSocket[] = [];
  try {
    for (const port of [42510, 42511]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-live-'));
      const args = ['serve', '--data', dir, '--port', String(port), '--sign-in-per-minute', '100000', '--integrity-hours', '0'];
      centres.push(await startListeningProcess(`centre-${port}`, CENTRE_BUNDLE, args, { HUIFANG_CENTER_DB_URL: url, HUIFANG_CENTER_DB_SCHEMA: schema }));
    }
    const pending = new Map<string, Pending>();
    const out: Tallies = { push: [], pushSame: [], board: [], boardCross: [], failedReads: [] };
    for (let t = 0; t < TEAMS; t++) {
      const c = t % 2;
      sockets.push(await leadBoard(centres[c]!.url, await signIn(centres[c]!.url, String(5000 + t)), c, pending, out));
    }
    // One sign-in at a time: a shift signs in over minutes, not all in one instant.
    const desks: { staffNo: string; centre: number; token: string }[] = [];
    for (const [i, a] of agents.entries()) desks.push({ staffNo: a.staffNo, centre: i % 2, token: await signIn(centres[i % 2]!.url, a.staffNo) });
    const events: number[] = [];
    const baselines: number[] = [];
    const crossings: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      for (const k of Object.keys(out) as (keyof typeof out)[]) out[k].length = 0;
      const end = Date.now() + REP_MS;
      let seq = Date.parse('2026-03-10T02:00:00.000Z') + rep * 3_600_000;
      await Promise.all(
        desks.map(async (d) => {
          await new Promise((r) => setTimeout(r, Math.random() * GAP_MS[1]));
          while (Date.now() < end) {
            const marker = new Date(seq++).toISOString();
            pending.set(d.staffNo, { marker, sentAt: Date.now(), agentCentre: d.centre, notified: false });
            const r = await fetch(`${centres[d.centre]!.url}/api/live`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
              body: JSON.stringify(state(marker)),
            });
            if (!r.ok) throw new Error(`publish ${d.staffNo}: ${r.status} ${await r.text()}`);
            await r.arrayBuffer();
            await new Promise((res) => setTimeout(res, GAP_MS[0] + Math.random() * (GAP_MS[1] - GAP_MS[0])));
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 1000)); // the last reads land
      events.push(p95(out.board));
      baselines.push(p95(out.pushSame));
      crossings.push(p95(out.boardCross));
      process.stderr.write(
        `live bench rep ${rep}: ${out.board.length} changes on boards, ${pending.size} never seen, ${out.failedReads.length} board reads failed\n`,
      );
      pending.clear();
    }
    report('live.event_p95_ms', median(events), 'ms', spread(events));
    report('live.event_cross_p95_ms', median(crossings), 'ms', spread(crossings));
    report('live.push_same_p95_ms', median(baselines), 'ms', spread(baselines));
    report('live.event_p95_ratio', median(events) / median(baselines), 'ratio');
  } finally {
    for (const s of sockets) s.close();
    for (const c of centres) await c.stop().catch(() => undefined);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }
}
