import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyCase } from '../../../../shared/domain/case';
import { makeCase } from '../../../../shared/domain/fixtures';
import { classify } from '../../../../shared/domain/outcome';
import { DEFAULT_SCRIPT, initScript, scriptReducer, type BranchCode, type ScriptEvent, type ScriptState } from '../../../../shared/domain/script';

const caseArb: fc.Arbitrary<PolicyCase> = fc
  .record({
    design: fc.constantFrom('traditional', 'dividend', 'universal', 'investment_linked' as const),
    single: fc.boolean(),
    channel: fc.constantFrom('agency', 'bancassurance', 'telesales', 'internet', 'broker' as const),
    health: fc.boolean(),
    insuredOther: fc.boolean(),
    birthYear: fc.integer({ min: 1940, max: 2000 }),
    recorded: fc.boolean(),
  })
  .map((r) =>
    makeCase({
      product: { design: r.design, line: r.health ? 'health' : 'life', longTermHealth: r.health },
      premium: r.single ? { mode: 'single', frequency: undefined, paymentYears: 1, nextDueDate: undefined } : {},
      channel: r.channel === 'bancassurance' ? { kind: r.channel, bank: '测试银行' } : { kind: r.channel },
      insured: r.insuredOther ? { relationship: 'child' } : {},
      policyholder: { birthDate: `${r.birthYear}-06-15` },
      recordedSale: r.recorded,
    }),
  );

const BRANCHES: BranchCode[] = [
  'who_is_calling',
  'not_policyholder',
  'no_such_person',
  'identity_mismatch',
  'busy',
  'driving_or_meeting',
  'what_for',
  'denies_purchase',
  'unwilling',
  'declines_knows_rights',
];

type RawEvent = ScriptEvent extends infer E ? (E extends ScriptEvent ? Omit<E, 'at'> : never) : never;
/** A move: `progress` is resolved against the current step (acknowledge a statement, else answer), anything else is sent as is. */
type Move = { readonly type: 'progress'; readonly answer: 'yes' | 'no' | 'unclear' | 'refused' } | RawEvent;

const ANSWER = fc.constantFrom('yes', 'no', 'unclear', 'refused' as const);
const rawEventArb: fc.Arbitrary<RawEvent> = fc.oneof(
  ANSWER.map((answer) => ({ type: 'answer' as const, answer })),
  fc.constant({ type: 'acknowledge' as const }),
  fc.constant({ type: 'skip' as const }),
  fc.constant({ type: 'back' as const }),
  fc.constantFrom(...BRANCHES).map((branch) => ({ type: 'branch' as const, branch })),
  fc.constant({ type: 'start' as const }),
  fc.constantFrom('hung_up', 'line_dropped', 'language_barrier' as const).map((reason) => ({ type: 'break_off' as const, reason })),
);
/** Mostly progress (half of it 是) so that many runs complete; the rest are arbitrary events. */
const moveArb: fc.Arbitrary<Move> = fc.oneof(
  { weight: 24, arbitrary: fc.constant({ type: 'progress' as const, answer: 'yes' as const }) },
  { weight: 4, arbitrary: ANSWER.map((answer) => ({ type: 'progress' as const, answer })) },
  { weight: 2, arbitrary: fc.constant({ type: 'back' as const }) },
  { weight: 1, arbitrary: rawEventArb },
);

function resolve(s: ScriptState, m: Move): RawEvent {
  if (m.type !== 'progress') return m;
  const step = s.phase === 'asking' || s.phase === 'explaining' ? s.steps[s.index] : null;
  if (step?.kind === 'statement') return { type: 'acknowledge' };
  const accepted = step?.answers ?? [];
  return { type: 'answer', answer: accepted.includes(m.answer) ? m.answer : 'yes' };
}

/** Replays moves (with increasing timestamps); returns every state and the events actually sent. */
function replayWithEvents(c: PolicyCase, moves: readonly Move[]): { states: ScriptState[]; events: RawEvent[] } {
  const states: ScriptState[] = [scriptReducer(initScript(DEFAULT_SCRIPT, c, '2026-03-10T00:00:00.000Z'), { type: 'start', at: '2026-03-10T00:00:00.001Z' })];
  const events: RawEvent[] = [];
  moves.forEach((m, i) => {
    const at = new Date(Date.UTC(2026, 2, 10, 0, 0, 1) + i * 1000).toISOString();
    const e = resolve(states[states.length - 1], m);
    events.push(e);
    states.push(scriptReducer(states[states.length - 1], { ...e, at } as ScriptEvent));
  });
  return { states, events };
}
const replay = (c: PolicyCase, moves: readonly Move[]): ScriptState[] => replayWithEvents(c, moves).states;

const runArb = fc.tuple(caseArb, fc.array(moveArb, { minLength: 0, maxLength: 90, size: 'max' }));
const eventArb = rawEventArb;
const PARAMS = { numRuns: 400 };

describe('script engine invariants (property-based)', () => {
  it('the generated runs exercise completion, standard and non-standard results, break-offs and going back', () => {
    const sample = fc.sample(runArb, { numRuns: 300, seed: 7 });
    const outcomes = sample.map(([c, moves]) => {
      const last = replay(c, moves).at(-1)!;
      return { status: last.result?.status, category: last.result ? classify(last.result, c).category : null, back: last.log.some((e) => e.type === 'back') };
    });
    const count = (f: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(f).length;
    expect(count((o) => o.status === 'completed')).toBeGreaterThan(30);
    expect(count((o) => o.category === 'standard')).toBeGreaterThan(10);
    expect(count((o) => o.status === 'completed' && o.category !== 'standard')).toBeGreaterThan(10);
    expect(count((o) => o.status === 'broken_off')).toBeGreaterThan(10);
    expect(count((o) => o.back)).toBeGreaterThan(30);
  });

  it('no completed result without an explicit answer to every applicable mandatory question (Chongqing rule art. 8)', () => {
    fc.assert(
      fc.property(runArb, ([c, events]) => {
        for (const s of replay(c, events)) {
          if (s.result?.status !== 'completed') continue;
          const mandatory = s.steps.filter((x) => x.kind === 'question' && x.mandatory).map((x) => x.id);
          const answered = s.result.items.filter((i) => i.final !== null).map((i) => i.stepId);
          expect(answered).toEqual(expect.arrayContaining(mandatory));
          expect(s.result.unansweredMandatory).toEqual([]);
        }
      }),
      PARAMS,
    );
  });

  it('standard ⇔ completed with 是 on the first ask of every applicable mandatory item (docs/domain.md §6, §11)', () => {
    fc.assert(
      fc.property(runArb, ([c, events]) => {
        const last = replay(c, events).at(-1)!;
        if (!last.result) return;
        const allYes = last.result.status === 'completed' && last.result.items.filter((i) => i.mandatory).every((i) => i.first === 'yes' && i.final === 'yes');
        expect(classify(last.result, c).category === 'standard').toBe(allYes);
      }),
      PARAMS,
    );
  });

  it('going back never loses history: every state’s log extends the previous one unchanged', () => {
    fc.assert(
      fc.property(runArb, ([c, events]) => {
        const states = replay(c, events);
        let broken: string | null = null;
        for (let i = 1; i < states.length && broken === null; i++) {
          const prev = states[i - 1].log;
          const next = states[i].log;
          if (next.length < prev.length) broken = `log shrank at event ${i}`;
          for (let k = 0; k < prev.length && broken === null; k++) if (next[k] !== prev[k]) broken = `entry ${k} replaced at event ${i}`;
        }
        expect(broken).toBeNull();
      }),
      PARAMS,
    );
  });

  it('the engine only moves forward on an answer, an acknowledgement or an allowed skip', () => {
    fc.assert(
      fc.property(runArb, ([c, moves]) => {
        const { states, events } = replayWithEvents(c, moves);
        for (let i = 1; i < states.length; i++) {
          const before = states[i - 1];
          const after = states[i];
          const moved = after.index > before.index || (after.phase === 'finished' && before.phase !== 'finished');
          if (!moved) continue;
          expect(['answer', 'acknowledge', 'skip']).toContain(events[i - 1].type);
          expect(after.records[before.steps[before.index].id]).toBeDefined();
        }
      }),
      PARAMS,
    );
  });

  it('a dividend question never appears on a traditional product; a regular-premium question never on a single premium (基本服务规定 第15条(七))', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const steps = initScript(DEFAULT_SCRIPT, c, '2026-03-10T00:00:00.000Z').steps;
        if (c.product.design !== 'dividend') expect(steps.some((s) => s.topic === 'dividend')).toBe(false);
        if (c.premium.mode === 'single') expect(steps.some((s) => s.topic === 'payment')).toBe(false);
        if (c.product.design === 'dividend') expect(steps.some((s) => s.topic === 'dividend')).toBe(true);
        if (c.premium.mode === 'regular') expect(steps.some((s) => s.topic === 'payment')).toBe(true);
      }),
      PARAMS,
    );
  });

  it('terminal states carry a result and refuse every further event', () => {
    fc.assert(
      fc.property(runArb, eventArb, ([c, events], extra) => {
        const last = replay(c, events).at(-1)!;
        if (last.phase !== 'finished' && last.phase !== 'broken_off') return;
        expect(last.result).not.toBeNull();
        const after = scriptReducer(last, { ...extra, at: '2026-03-11T00:00:00.000Z' } as ScriptEvent);
        expect(after.phase).toBe(last.phase);
        expect(after.log).toBe(last.log);
        expect(after.result).toBe(last.result);
      }),
      PARAMS,
    );
  });
});
