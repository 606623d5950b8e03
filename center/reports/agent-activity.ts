import type { Kysely } from 'kysely';
import type { AgentActivityRow } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import { deskTime, type SessionEvent } from './desk-time';
import { statusSeconds, type StatusRow } from './status-time';

/** A desk status entered the day before the period may still hold at its start. */
const LOOKBACK_MS = 86_400_000;

/** Each agent's status rows (in time order) that can reach into [startMs, endMs). */
async function statusRows(db: Kysely<CenterDatabase>, startMs: number, endMs: number, team: string | null): Promise<Map<string, StatusRow[]>> {
  let q = db
    .selectFrom('desk_status_log as d')
    .select(['d.staff_no', 'd.since', 'd.status', 'd.until'])
    .where('d.since', '>=', new Date(startMs - LOOKBACK_MS).toISOString())
    .where('d.since', '<', new Date(endMs).toISOString())
    .orderBy('d.staff_no')
    .orderBy('d.since');
  if (team !== null) q = q.innerJoin('users as u', 'u.staff_no', 'd.staff_no').where('u.team', '=', team);
  const byAgent = new Map<string, StatusRow[]>();
  for (const r of await q.execute()) byAgent.set(r.staff_no, [...(byAgent.get(r.staff_no) ?? []), r]);
  return byAgent;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Each centre agent's activity in [from, to] (desk-local dates: `occurred_at` carries the desk's
 * offset): phone attempts pushed, connected ones, talk time (the attempts' durations), time
 * working and on break (desk-time.ts), time per desk status (ready, paused, in call, wrap-up:
 * status-time.ts), and QA scores of the evaluations made in the period
 * (calibration evaluations excluded: they are never the agent's score).
 */
export async function agentActivity(db: Kysely<CenterDatabase>, from: string, to: string, team: string | null): Promise<AgentActivityRow[]> {
  const end = nextDay(to);
  let items = db
    .selectFrom('sync_items as s')
    .innerJoin('users as u', 'u.staff_no', 's.staff_no')
    .select(['s.staff_no', 's.kind', 's.payload', 's.occurred_at'])
    .where('s.kind', 'in', ['attempt', 'session'])
    .where('s.occurred_at', '>=', from)
    .where('s.occurred_at', '<', end)
    .orderBy('s.staff_no')
    .orderBy('s.occurred_at');
  let qa = db
    .selectFrom('qa_evaluations')
    .select(['agent_id', 'score_tenths', 'passed'])
    .where('calibration_id', 'is', null)
    // A lead's revision replaces the disputed evaluation: only the current version counts.
    .where('is_current', '=', 1)
    .where('created_at', '>=', from)
    .where('created_at', '<', end);
  if (team !== null) {
    items = items.where('u.team', '=', team);
    qa = qa.where('team', '=', team);
  }
  const acc = new Map<
    string,
    { calls: number; connected: number; talk: number; events: { at: number; event: SessionEvent }[]; qa: number[]; passed: number }
  >();
  const of = (staffNo: string) => {
    const a = acc.get(staffNo) ?? { calls: 0, connected: 0, talk: 0, events: [], qa: [], passed: 0 };
    acc.set(staffNo, a);
    return a;
  };
  for (const r of await items.execute()) {
    const a = of(r.staff_no);
    const item = JSON.parse(r.payload) as { data: { channel?: string; outcome?: string; durationSec?: number; event?: SessionEvent } };
    if (r.kind === 'session') {
      a.events.push({ at: Date.parse(r.occurred_at), event: item.data.event! });
    } else if (item.data.channel === 'phone') {
      a.calls++;
      if (item.data.outcome === 'connected') a.connected++;
      a.talk += item.data.durationSec ?? 0;
    }
  }
  // The period's local days, as the centre's clock counts them.
  const startMs = new Date(`${from}T00:00:00`).getTime();
  const endMs = new Date(`${end}T00:00:00`).getTime();
  const statuses = await statusRows(db, startMs, endMs, team);
  for (const staffNo of statuses.keys()) of(staffNo);
  for (const r of await qa.execute()) {
    const a = of(r.agent_id);
    a.qa.push(Number(r.score_tenths) / 10);
    if (Number(r.passed) === 1) a.passed++;
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([staffNo, a]) => {
      const t = deskTime([...a.events].sort((x, y) => x.at - y.at));
      return {
        staffNo,
        calls: a.calls,
        connected: a.connected,
        talkSec: a.talk,
        workingSec: t.workingSec,
        breakSec: t.breakSec,
        ...statusSeconds(statuses.get(staffNo) ?? [], startMs, endMs),
        qaEvaluations: a.qa.length,
        qaAvgScore: a.qa.length === 0 ? null : Math.round((a.qa.reduce((s, x) => s + x, 0) / a.qa.length) * 10) / 10,
        qaPassed: a.passed,
      };
    });
}
