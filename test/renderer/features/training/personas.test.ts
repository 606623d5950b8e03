import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyCase } from '../../../../shared/domain/case';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { initScript, scriptReducer } from '../../../../shared/domain/script/script-engine';
import type { ScriptEvent, ScriptState } from '../../../../shared/domain/script/script-state';
import { decideVisit } from '../../../../renderer/features/outcome/visit-decision';
import { FRESH_MEMORY, linesOf, replyFor } from '../../../../renderer/features/training/persona-replies';
import { PERSONAS, personaByPhone, type ExpectedOutcome, type Persona } from '../../../../renderer/features/training/personas';
import { messages } from '../../../../renderer/i18n/messages';

// Each persona's `expected` is what the real domain code makes of a correct visit of it: the
// persona's replies are recorded as a careful agent would (answer, branch, hang-up) and fed
// through the real script engine, then the real visit decision (classification, cut-off rule,
// attempt outcome). Nothing here restates the rules.

/** How many attempts a case gets before the cycle ends (the desk's default is larger; 3 keeps the case open here). */
const MAX_ATTEMPTS = 3;

/** What the outcome screen suggests after a call: a callback when the policyholder asked for another time. */
const CALLBACK_END_REASONS = ['busy', 'driving_or_meeting', 'not_policyholder'];

const CASES: Readonly<Record<string, PolicyCase>> = {
  'the demo case (regular premium, traditional life)': makeCase(),
  'a single-premium dividend policy sold with recording': makeCase({
    product: { design: 'dividend' },
    premium: { mode: 'single', frequency: undefined, paymentYears: 1, nextDueDate: undefined },
    recordedSale: true,
  }),
  'a universal-life policy on a child': makeCase({ product: { design: 'universal' }, insured: { relationship: 'child' } }),
  'an investment-linked health policy': makeCase({ product: { design: 'investment_linked', line: 'health' } }),
};

/** Plays a visit of `persona` on `c` with the agent recording every reply as the persona means it. */
function visit(persona: Persona, c: PolicyCase): { state: ScriptState; spoken: string[] } {
  let state = scriptReducer(initScript(DEFAULT_SCRIPT, c, '2026-03-20T09:00:00+08:00'), { type: 'start', at: '2026-03-20T09:00:05+08:00' });
  let memory = FRESH_MEMORY;
  const spoken: string[] = [];
  for (let turn = 0; turn < 100 && (state.phase === 'asking' || state.phase === 'explaining'); turn++) {
    const at = `2026-03-20T09:${String(1 + turn).padStart(2, '0')}:00+08:00`;
    const step = state.steps[state.index];
    const r = replyFor(persona, { stepId: step.id, phase: state.phase }, memory);
    memory = r.memory;
    spoken.push(r.reply.line);
    const intent = r.reply.intent;
    const event: ScriptEvent =
      intent.kind === 'answer'
        ? { type: 'answer', at, answer: intent.answer }
        : intent.kind === 'acknowledge'
          ? { type: 'acknowledge', at }
          : intent.kind === 'hang_up'
            ? { type: 'break_off', at, reason: 'hung_up' }
            : { type: 'branch', at, branch: intent.branch, note: 'x', proxy: intent.proxy && { ...intent.proxy, name: 'x' } };
    state = scriptReducer(state, event);
    expect(state.rejection).toBeNull();
  }
  return { state, spoken };
}

/** The outcome the real visit decision gives, in `ExpectedOutcome` terms. */
function outcomeOf(state: ScriptState, c: PolicyCase): ExpectedOutcome {
  const result = state.result!;
  const d = decideVisit(result, [], MAX_ATTEMPTS, c);
  if (d.kind === 'final') return { decision: 'final', category: d.classification.category, kinds: d.classification.kinds.map((k) => k.code) };
  return {
    decision: 'interim',
    attempt: d.attemptOutcome!,
    endReason: result.endReason!,
    carriesAnswers: d.carriesAnswers ?? false,
    callback: CALLBACK_END_REASONS.includes(result.endReason!),
  };
}

describe('each persona’s expected outcome is what the real script engine and visit decision make of it (docs/domain.md §6)', () => {
  for (const persona of PERSONAS) {
    for (const [label, c] of Object.entries(CASES)) {
      it(`${persona.id} comes to ${JSON.stringify(persona.expected)} on ${label}`, () => {
        const { state } = visit(persona, c);
        expect(state.phase === 'finished' || state.phase === 'broken_off').toBe(true);
        expect(outcomeOf(state, c)).toEqual(persona.expected);
      });
    }
  }

  it('the family member is recorded as an authorised proxy for hearing, not as the policyholder (docs/domain.md §4)', () => {
    const { state } = visit(
      PERSONAS.find((p) => p.id === 'family_for_hard_of_hearing')!,
      makeCase(),
    );
    expect(state.result?.proxy).toEqual({ relation: 'child', name: 'x', reason: 'hard_of_hearing' });
  });

  it('the hang-up persona is cut off part-way through the regulatory questions (docs/domain.md §5.4), after identity', () => {
    const { state, spoken } = visit(
      PERSONAS.find((p) => p.id === 'hangs_up')!,
      makeCase(),
    );
    expect(spoken.at(-1)).toBe('gotta_go');
    expect(state.result?.items.map((i) => i.stepId)).toEqual(['identity', 'consent', 'insurance_nature', 'signature']);
    expect(state.result?.unansweredMandatory.length).toBeGreaterThan(0);
  });
});

describe('the training numbers', () => {
  it('each persona has its own number in 13900009001–13900009006, reached dialled plain, with +86 or behind a dial prefix', () => {
    expect(PERSONAS.map((p) => p.phone)).toEqual(['13900009001', '13900009002', '13900009003', '13900009004', '13900009005', '13900009006']);
    for (const p of PERSONAS) {
      expect(personaByPhone(p.phone)).toBe(p);
      expect(personaByPhone(`+86${p.phone}`)).toBe(p);
      expect(personaByPhone(`9${p.phone}`)).toBe(p);
    }
  });

  it('any other number reaches nobody (空号)', () => {
    expect(personaByPhone('13900009007')).toBeNull();
    expect(personaByPhone('13800000001')).toBeNull();
    expect(personaByPhone('')).toBeNull();
  });
});

describe('the clips (scripts/make-training-clips.ts)', () => {
  const dir = path.resolve('renderer/features/training/clips');
  const files = readdirSync(dir).filter((f) => f.endsWith('.opus'));

  it('every line a persona can say has a clip in the persona’s voice and a caption, and no clip is unused', () => {
    const wanted = new Set(PERSONAS.flatMap((p) => linesOf(p).map((line) => `${p.voice}-${line}.opus`)));
    expect(new Set(files)).toEqual(wanted);
    for (const p of PERSONAS) for (const line of linesOf(p)) expect(messages.training.lines[line]).toMatch(/\S/);
  });

  it('stay small enough to commit: under 300 KB in all, each an Ogg file', () => {
    const total = files.reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
    expect(total).toBeLessThan(300 * 1024);
    for (const f of files) expect(statSync(path.join(dir, f)).size).toBeGreaterThan(500);
  });
});
