/**
 * Domain-core figures, medians of 3 alternated repetitions with min/max:
 * - domain.schedule_100k_ms: schedule + eligibility + red flags over 100 000 synthetic cases; baseline
 *   `domain.schedule_100k_baseline_ms`, one JSON serialisation of each of the same cases (a pass that
 *   reads every field), and `domain.schedule_100k_ratio`.
 * - domain.engine_step_ms: the mean time of one script-engine reducer step over 5 000 calls; baseline
 *   `domain.engine_step_baseline_ms`, the same number of steps of a reducer that only copies the state
 *   (what any immutable step costs), and `domain.engine_step_ratio`.
 */

import { checkEligibility } from '../shared/domain/eligibility';
import { computeSchedule } from '../shared/domain/schedule';
import { detectRedFlags } from '../shared/domain/red-flags';
import { generateCases } from '../shared/domain/synthetic-cases';
import { currentQuestion, DEFAULT_SCRIPT, initScript, scriptReducer, type Answer, type ScriptEvent, type ScriptState } from '../shared/domain/script';

import type { Report } from './run';
import { median, ratioSpread, spread } from './lib/stats';

const REPS = 3;
const ANSWERS: readonly Answer[] = ['yes', 'yes', 'yes', 'yes', 'no', 'unclear'];

export default async function run(report: Report): Promise<void> {
  const cases = generateCases(100_000, 42);

  // warm-up: JIT and the calendar's per-year tables (built once per process)
  for (const c of cases.slice(0, 2_000)) {
    computeSchedule(c);
    checkEligibility(c);
  }
  detectRedFlags(cases.slice(0, 2_000));

  const runs: number[] = [];
  const passes: number[] = [];
  let sink = 0;
  for (let r = 0; r < REPS; r++) {
    let t0 = performance.now();
    for (const c of cases) {
      const s = computeSchedule(c);
      const e = checkEligibility(c);
      if (s.calendarUncertain || !e.eligible) sink++;
    }
    sink += detectRedFlags(cases).filter((x) => x.flags.length > 0).length;
    runs.push(performance.now() - t0);
    t0 = performance.now();
    for (const c of cases) sink += JSON.stringify(c).length & 1;
    passes.push(performance.now() - t0);
  }
  report('domain.schedule_100k_ms', median(runs), 'ms', spread(runs));
  report('domain.schedule_100k_baseline_ms', median(passes), 'ms (one JSON serialisation of each case)', spread(passes));
  report('domain.schedule_100k_ratio', median(runs) / median(passes), 'ratio', ratioSpread(runs, passes));

  const steps: number[] = [];
  const copies: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const engine = engineSteps(cases);
    sink += engine.results;
    steps.push(engine.msPerStep);
    copies.push(copySteps(cases, engine.steps));
  }
  report('domain.engine_step_ms', median(steps), 'ms', spread(steps));
  report('domain.engine_step_baseline_ms', median(copies), 'ms (a reducer step that only copies the state)', spread(copies));
  report('domain.engine_step_ratio', median(steps) / median(copies), 'ratio', ratioSpread(steps, copies));
  if (sink < 0) report('domain.sink', sink, 'n'); // keeps the work observable to the optimiser
}

/** Full calls over varied cases: milliseconds per reducer step, the step count, and the calls that ended with a result. */
function engineSteps(cases: ReturnType<typeof generateCases>): { msPerStep: number; steps: number; results: number } {
  let steps = 0;
  let i = 0;
  let results = 0;
  const t0 = performance.now();
  for (let call = 0; call < 5_000; call++) {
    const c = cases[call % cases.length];
    let s: ScriptState = initScript(DEFAULT_SCRIPT, c, '2026-03-10T02:00:00.000Z');
    s = scriptReducer(s, { type: 'start', at: '2026-03-10T02:00:01.000Z' });
    steps++;
    while (s.phase === 'asking' || s.phase === 'explaining') {
      const step = currentQuestion(s)!;
      const at = '2026-03-10T02:01:00.000Z';
      const event: ScriptEvent =
        step.kind === 'statement'
          ? { type: 'acknowledge', at }
          : (step.answers ?? []).length === 1
            ? { type: 'answer', at, answer: 'yes' }
            : { type: 'answer', at, answer: step.mandatory ? ANSWERS[i++ % ANSWERS.length] : 'yes' };
      s = scriptReducer(s, event);
      steps++;
    }
    if (s.result) results++;
  }
  return { msPerStep: (performance.now() - t0) / steps, steps, results };
}

/** Milliseconds per step of `steps` steps that only copy a started script's state (the immutable-update floor). */
function copySteps(cases: ReturnType<typeof generateCases>, steps: number): number {
  const states = cases
    .slice(0, 100)
    .map((c) => scriptReducer(initScript(DEFAULT_SCRIPT, c, '2026-03-10T02:00:00.000Z'), { type: 'start', at: '2026-03-10T02:00:01.000Z' }));
  let s = states[0]!;
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) s = k % 50 === 0 ? states[(k / 50) % states.length]! : { ...s, index: s.index + 1, records: { ...s.records } };
  const ms = (performance.now() - t0) / steps;
  if (s.phase === undefined) throw new Error('no state'); // keeps the copies observable to the optimiser
  return ms;
}
