/**
 * Which calls need a QA evaluation (sampling at the centre). Default rules: every 问题件, every call
 * whose result the agent overrode, every recording with gaps, then x % of the rest per agent per
 * week, and at least n per agent per calendar month. The "random" part is a stable hash of the
 * session id, so the work list does not change between two looks and nobody can steer it.
 */

/** The centre's sampling rules (an administrator changes them). */
export interface SamplingRules {
  readonly problemCases: boolean;
  readonly overridden: boolean;
  readonly recordingGaps: boolean;
  /** Share of the remaining calls per agent per ISO week, 0–100. */
  readonly percentOfRest: number;
  /** At least this many per agent per calendar month (0: no minimum). */
  readonly minPerAgentPerMonth: number;
}

export const DEFAULT_SAMPLING_RULES: SamplingRules = { problemCases: true, overridden: true, recordingGaps: true, percentOfRest: 5, minPerAgentPerMonth: 4 };

/** What the centre knows of one archived call. `day`: the call's local date, YYYY-MM-DD. */
export interface SampledCall {
  readonly sessionId: string;
  readonly agentId: string;
  readonly day: string;
  readonly outcome: string | null;
  readonly overridden: boolean;
  readonly gapCount: number;
}

export type SampleReason = 'problem' | 'overridden' | 'gaps' | 'weekly_share' | 'monthly_minimum';

export interface SampleDecision {
  readonly sessionId: string;
  readonly reasons: readonly SampleReason[];
}

/** Problems with rules an administrator submitted (empty: fine). */
export function samplingRuleProblems(r: SamplingRules): string[] {
  const p: string[] = [];
  if (!(r.percentOfRest >= 0 && r.percentOfRest <= 100)) p.push(`percentOfRest ${r.percentOfRest}: 0–100`);
  if (!Number.isInteger(r.minPerAgentPerMonth) || r.minPerAgentPerMonth < 0 || r.minPerAgentPerMonth > 1000)
    p.push(`minPerAgentPerMonth ${r.minPerAgentPerMonth}: a whole number 0–1000`);
  return p;
}

/** FNV-1a of the session id in [0, 2^32): the stable draw order (ties: the session id). */
export function sampleDraw(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** ISO-8601 week of a YYYY-MM-DD date, as `YYYY-Www`. */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const dow = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - dow + 3); // the Thursday of this week decides the year
  const year = t.getUTCFullYear();
  const week = 1 + Math.floor((t.getTime() - Date.UTC(year, 0, 1)) / 604_800_000);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const group = m.get(k);
    if (group) group.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const byDraw = (a: SampledCall, b: SampledCall) =>
  sampleDraw(a.sessionId) - sampleDraw(b.sessionId) || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);

/** The calls that need an evaluation and why, in the input's order. */
export function selectForEvaluation(calls: readonly SampledCall[], rules: SamplingRules): SampleDecision[] {
  const reasons = new Map<string, SampleReason[]>();
  const add = (id: string, r: SampleReason) => reasons.set(id, [...(reasons.get(id) ?? []), r]);
  for (const c of calls) {
    if (rules.problemCases && c.outcome === 'problem') add(c.sessionId, 'problem');
    if (rules.overridden && c.overridden) add(c.sessionId, 'overridden');
    if (rules.recordingGaps && c.gapCount > 0) add(c.sessionId, 'gaps');
  }
  const rest = calls.filter((c) => !reasons.has(c.sessionId));
  for (const group of groupBy(rest, (c) => `${c.agentId}|${isoWeek(c.day)}`).values()) {
    const take = Math.ceil((group.length * rules.percentOfRest) / 100);
    for (const c of [...group].sort(byDraw).slice(0, take)) add(c.sessionId, 'weekly_share');
  }
  for (const group of groupBy(calls, (c) => `${c.agentId}|${c.day.slice(0, 7)}`).values()) {
    const short = rules.minPerAgentPerMonth - group.filter((c) => reasons.has(c.sessionId)).length;
    if (short <= 0) continue;
    const left = group.filter((c) => !reasons.has(c.sessionId)).sort(byDraw);
    for (const c of left.slice(0, short)) add(c.sessionId, 'monthly_minimum');
  }
  return calls.filter((c) => reasons.has(c.sessionId)).map((c) => ({ sessionId: c.sessionId, reasons: reasons.get(c.sessionId)! }));
}
