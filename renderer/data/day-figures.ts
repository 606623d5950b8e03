import type { ResultClass } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import type { StoredCallSession } from './records';

/*
 * An agent's own day at this desk, read from clear fields only (dates, states,
 * agents, classifications, the masked name): nothing is opened, so these readers are
 * liveQuery-safe without WebCrypto. "Today" is the desk's local calendar day, the day
 * `messages.common.day` prints.
 */

/** The local calendar day around `now`: [start, end) as times. */
export function localDay(now: Date): { start: Date; end: Date } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { start, end };
}

// Stored times are ISO strings, usually UTC ('…Z') but not necessarily: the index range is widened by
// a day each side (any zone offset fits in it) and each row is then checked by its parsed time.
const DAY_MS = 86_400_000;
const widened = (day: { start: Date; end: Date }): [string, string] => [
  new Date(day.start.getTime() - DAY_MS).toISOString(),
  new Date(day.end.getTime() + DAY_MS).toISOString(),
];
const within = (iso: string | null, day: { start: Date; end: Date }): boolean => {
  const t = iso === null ? Number.NaN : Date.parse(iso);
  return t >= day.start.getTime() && t < day.end.getTime();
};

/** The agent's own figures of one day. */
export interface DayFigures {
  /** Calls made: every attempt the agent recorded today, reached or not. */
  readonly calls: number;
  /** Visits completed: attempts whose script reached the policyholder (`detail` `completed`). */
  readonly visitsCompleted: number;
  /** Final results the agent wrote today. */
  readonly results: number;
  /** Of those, standard or substandard (标准件/次标准件). */
  readonly successes: number;
  /** Talk time: the sum of the attempts' durations, in seconds. */
  readonly talkSec: number;
}

/**
 * Final results the agent wrote on the day. The result itself is only kept sealed in the outbox
 * (and leaves it once delivered); its classification is also on the call session the same visit
 * writes (`classification`: the final category, null for a visit that did not end the case), in the
 * clear, and stays there — so results are counted from the sessions. The time is the session's end
 * (the result's `occurredAt`), its start when it has none.
 */
async function resultSessions(db: HuifangDb, agent: string, now: Date): Promise<StoredCallSession[]> {
  const day = localDay(now);
  const [from, to] = widened(day);
  const rows = await db.sessions
    .where('startedAt')
    .between(from, to, true, false)
    .filter((s) => s.agent === agent && s.classification !== null && within(s.endedAt ?? s.startedAt, day))
    .toArray();
  return rows.sort((a, b) => (a.endedAt ?? a.startedAt).localeCompare(b.endedAt ?? b.startedAt));
}

/** The agent's figures for the local day of `now`. */
export async function readDayFigures(db: HuifangDb, agent: string, now: Date): Promise<DayFigures> {
  const day = localDay(now);
  const [from, to] = widened(day);
  const attempts = await db.attempts
    .where('occurredAt')
    .between(from, to, true, false)
    .filter((a) => a.agent === agent && within(a.occurredAt, day))
    .toArray();
  const results = await resultSessions(db, agent, now);
  return {
    calls: attempts.length,
    visitsCompleted: attempts.filter((a) => a.detail === 'completed').length,
    results: results.length,
    successes: results.filter((s) => s.classification === 'standard' || s.classification === 'substandard').length,
    talkSec: attempts.reduce((sum, a) => sum + (a.durationSec ?? 0), 0),
  };
}

/** A case the agent finished on the day, as the agenda lists it. */
export interface FinishedCase {
  readonly policyNo: string;
  /** Masked policyholder name ('' when the case is no longer cached). */
  readonly holderName: string;
  readonly productName: string;
  readonly classification: ResultClass;
  /** When the final result was written. */
  readonly at: string;
}

/** Cases the agent finished today (a final result written today), in the order they were finished. */
export async function readFinishedToday(db: HuifangDb, agent: string, now: Date): Promise<FinishedCase[]> {
  const results = await resultSessions(db, agent, now);
  // A case finished twice the same day (returned, then finished again) is listed once, as last finished.
  const last = new Map<string, StoredCallSession>();
  for (const s of results) last.set(s.policyNo, s);
  const sessions = [...last.values()];
  const cases = await db.cases.bulkGet(sessions.map((s) => s.policyNo));
  return sessions.map((s, i) => ({
    policyNo: s.policyNo,
    holderName: cases[i]?.summary.holderName ?? '',
    productName: cases[i]?.summary.productName ?? '',
    classification: s.classification as ResultClass,
    at: s.endedAt ?? s.startedAt,
  }));
}
