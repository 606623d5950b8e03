/**
 * Domain-core figures: schedule + eligibility + red flags over 100 000 synthetic cases,
 * and the mean time of one script-engine reducer step.
 */

import { checkEligibility } from '../shared/domain/eligibility';
import { computeSchedule } from '../shared/domain/schedule';
import { detectRedFlags } from '../shared/domain/red-flags';
import { generateCases } from '../shared/domain/synthetic-cases';
import { currentQuestion, DEFAULT_SCRIPT, initScript, scriptReducer, type Answer, type ScriptEvent, type ScriptState } from '../shared/domain/script';

type Report = (name: string, value: number, unit: string) => void;

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
  let sink = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (const c of cases) {
      const s = computeSchedule(c);
      const e = checkEligibility(c);
      if (s.calendarUncertain || !e.eligible) sink++;
    }
    sink += detectRedFlags(cases).filter((x) => x.flags.length > 0).length;
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  report('domain.schedule_100k_ms', runs[1], 'ms');

  // engine: full calls over varied cases, counting reducer steps
  let steps = 0;
  let i = 0;
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
    if (s.result) sink++;
  }
  report('domain.engine_step_ms', (performance.now() - t0) / steps, 'ms');
  if (sink < 0) report('domain.sink', sink, 'n'); // keeps the work observable to the optimiser
}
