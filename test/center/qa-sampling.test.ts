import type { Kysely } from 'kysely';
import { workList } from '../../center/qa/qa-work-list';
import { sampledCalls } from '../../center/qa/qa-sampling-query';
import type { CenterDatabase } from '../../center/store/db-schema';
import type { Store } from '../../center/store/open-store';
import { DEFAULT_SAMPLING_RULES, selectForEvaluation, type SampledCall, type SamplingRules } from '../../shared/domain/qa/sampling';
import { enginesUnderTest } from './support/engines';
import { evaluationRow } from './support/qa-evaluation-row';
import { SAMPLING_PERIOD, samplingRows, type SampledTable } from './support/sampled-archive';

const engines = await enginesUnderTest();
const CALLS = 2400;
const AGENTS = 7;

/** The calls as the rules' definition sees them (shared/domain/qa/sampling.ts), from the same rows. */
function definitionInput(rows: readonly (readonly [SampledTable, Record<string, unknown>])[]): SampledCall[] {
  const overridden = new Set(rows.filter(([t, r]) => t === 'result_checks' && String(r.pushed).includes('"override"')).map(([, r]) => r.session_id));
  return rows
    .filter(([t]) => t === 'archived_sessions')
    .map(([, r]) => ({
      sessionId: r.session_id as string,
      agentId: r.agent_id as string,
      day: r.sample_day as string,
      outcome: r.outcome as string,
      overridden: overridden.has(r.session_id),
      gapCount: r.gap_count as number,
    }));
}

async function seed(db: Kysely<CenterDatabase>, rows: readonly (readonly [SampledTable, Record<string, unknown>])[]) {
  for (const table of ['archived_sessions', 'session_check_facts', 'result_checks'] as const) {
    const mine = rows.filter(([t]) => t === table).map(([, r]) => r);
    for (let i = 0; i < mine.length; i += 200)
      await db
        .insertInto(table)
        .values(mine.slice(i, i + 200) as never)
        .execute();
  }
}

describe.each(engines)('QA sampling inside the database on $name (shared/domain/qa/sampling.ts, README "QA evaluations")', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const rows = [...samplingRows(CALLS, AGENTS)];

  beforeAll(async () => {
    ({ store, dispose } = await engine.open());
    await seed(store.db, rows);
  });
  afterAll(async () => dispose());

  const rulesCases: [string, SamplingRules][] = [
    ['the default rules', DEFAULT_SAMPLING_RULES],
    ['12.5 % of the rest, at least 40 a month', { ...DEFAULT_SAMPLING_RULES, percentOfRest: 12.5, minPerAgentPerMonth: 40 }],
    ['no mandatory reasons, 3 % and no minimum', { problemCases: false, overridden: false, recordingGaps: false, percentOfRest: 3, minPerAgentPerMonth: 0 }],
  ];

  it.each(rulesCases)('chooses exactly the calls the rules define, with the same reasons: %s', async (_name, rules) => {
    const expected = selectForEvaluation(definitionInput(rows), rules);
    const got = await sampledCalls(store, SAMPLING_PERIOD, rules, 100_000);
    expect(got.total).toBe(expected.length);
    const byId = new Map(got.items.map((i) => [i.sessionId, i.reasons]));
    expect([...byId.keys()].sort()).toEqual(expected.map((e) => e.sessionId).sort());
    for (const e of expected) expect(byId.get(e.sessionId)).toEqual(e.reasons);
    // Oldest first.
    const times = got.items.map((i) => i.createdAt);
    expect(times).toEqual([...times].sort());
  });

  it('lists the oldest calls up to the limit and says how many there are in all; one agent or team only when asked', async () => {
    const all = await workList(store, SAMPLING_PERIOD, 100_000);
    const some = await workList(store, SAMPLING_PERIOD, 25);
    expect(some.total).toBe(all.total);
    expect(some.items.map((i) => i.sessionId)).toEqual(all.items.slice(0, 25).map((i) => i.sessionId));
    const agent = all.items[0]!.agentId;
    const mine = await workList(store, { ...SAMPLING_PERIOD, agent }, 100_000);
    expect(mine.items.every((i) => i.agentId === agent)).toBe(true);
    expect(mine.total).toBe(all.items.filter((i) => i.agentId === agent).length);
    const team = await workList(store, { ...SAMPLING_PERIOD, team: 'T3' }, 100_000);
    expect(team.total).toBeGreaterThan(0);
    expect(team.items.every((i) => i.team === 'T3')).toBe(true);
  });

  it('leaves out calls QA cannot score (practice calls, calls without a script on record) and purged calls', async () => {
    const before = (await workList(store, SAMPLING_PERIOD, 100_000)).items;
    const [first, second] = before;
    // The archive marks a call scorable as it keeps its script facts (test/center/result-checks.test.ts).
    await store.db.updateTable('archived_sessions').set({ qa_scorable: 0 }).where('session_id', '=', first!.sessionId).execute();
    await store.db.updateTable('archived_sessions').set({ purged_at: '2026-05-01T00:00:00.000Z' }).where('session_id', '=', second!.sessionId).execute();
    const after = new Set((await workList(store, SAMPLING_PERIOD, 100_000)).items.map((i) => i.sessionId));
    for (const gone of [first, second]) expect(after.has(gone!.sessionId)).toBe(false);
  });
});

describe.each(engines)(
  'QA sampling leaves out calls already evaluated on $name (README "QA evaluations": a call is scored once outside calibration)',
  (engine) => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await engine.open());
      await seed(store.db, [...samplingRows(CALLS, AGENTS)]);
    });
    afterAll(async () => dispose());

    const evaluation = (sessionId: string, id: string, extra: { calibration_id?: string; is_current?: number } = {}) =>
      evaluationRow({ id, session_id: sessionId, ...extra });

    it('drops an evaluated mandatory or drawn call from the list and the total, once however many versions it has; a calibration score does not count', async () => {
      const before = await workList(store, SAMPLING_PERIOD, 100_000);
      const mandatory = before.items.find((i) => i.reasons.includes('problem'))!;
      const drawn = before.items.find((i) => i.reasons.includes('weekly_share'))!;
      const calibrated = before.items.find((i) => i !== mandatory && i !== drawn)!;
      await store.db
        .insertInto('qa_evaluations')
        .values([
          evaluation(mandatory.sessionId, 'e1'),
          evaluation(drawn.sessionId, 'e2', { is_current: 0 }),
          evaluation(drawn.sessionId, 'e3'),
          evaluation(calibrated.sessionId, 'e4', { calibration_id: 'C1' }),
        ])
        .execute();
      const after = await workList(store, SAMPLING_PERIOD, 100_000);
      expect(after.total).toBe(before.total - 2);
      const ids = new Set(after.items.map((i) => i.sessionId));
      expect(ids.has(mandatory.sessionId) || ids.has(drawn.sessionId)).toBe(false);
      expect(ids.has(calibrated.sessionId)).toBe(true);
      const firstFew = await workList(store, SAMPLING_PERIOD, 10);
      expect(firstFew.items.map((i) => i.sessionId)).toEqual(after.items.slice(0, 10).map((i) => i.sessionId));
    });
  },
);
