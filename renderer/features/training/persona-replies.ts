import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import type { ScriptStep } from '../../../shared/domain/script/script-definition';
import type { LineId, Persona, Reply } from './personas';
import type { TrainingCue } from './training-line';

/*
 * What a persona says to the prompt the agent is reading. Every persona is a cooperative customer
 * except where its own replies say otherwise; the step's definition in the default script tells a
 * statement (acknowledged) from a question (answered). Pure: the memory is returned, not kept.
 */

/** What the persona remembers of the call so far. */
export interface PersonaMemory {
  /** Steps where it voiced a doubt or a refusal (asking them again gets its second reply). */
  readonly doubted: readonly string[];
  /** Regulatory questions it has answered (for the persona that hangs up part-way). */
  readonly answered: readonly string[];
}

export const FRESH_MEMORY: PersonaMemory = { doubted: [], answered: [] };

/** The cooperative line for each question of the default script; other questions get a plain 是的. */
const COOPERATIVE_LINES: Readonly<Record<string, LineId>> = {
  identity: 'its_me',
  consent: 'convenient',
  insurance_nature: 'clear',
  signature: 'signed_myself',
  receipt: 'received',
  product_description: 'read_it',
  coverage: 'know',
  surrender_loss: 'know',
  cooling_off: 'know',
  payment: 'clear',
  dividend: 'know',
  universal_return: 'know',
  universal_fees: 'clear',
  investment_risk: 'know',
  investment_fees: 'clear',
  health_terms: 'know',
  contact: 'contact_ok',
};

/** The sections whose questions count as "the regulatory part" of the call (docs/domain.md §5.4). */
const REGULATORY_SECTIONS: ReadonlySet<ScriptStep['section']> = new Set(['regulatory', 'product', 'recorded_sale', 'payment']);

const HANG_UP: Reply = { line: 'gotta_go', intent: { kind: 'hang_up' } };

function stepOf(stepId: string): ScriptStep | undefined {
  return DEFAULT_SCRIPT.steps.find((s) => s.id === stepId);
}

function cooperative(stepId: string, step: ScriptStep | undefined): Reply {
  if (step?.kind === 'statement') return { line: step.section === 'closing' ? 'goodbye' : 'mm', intent: { kind: 'acknowledge' } };
  return { line: COOPERATIVE_LINES[stepId] ?? 'yes', intent: { kind: 'answer', answer: 'yes' } };
}

/**
 * The persona's reply to `cue`, and its memory afterwards. A step is "asked again" while the agent
 * explains it (phase `explaining`) or when it comes back after the persona doubted it.
 */
export function replyFor(persona: Persona, cue: Pick<TrainingCue, 'stepId' | 'phase'>, memory: PersonaMemory): { reply: Reply; memory: PersonaMemory } {
  const step = stepOf(cue.stepId);
  const regulatory = step !== undefined && step.kind === 'question' && REGULATORY_SECTIONS.has(step.section);
  const fresh = !memory.answered.includes(cue.stepId);
  if (regulatory && fresh && persona.hangsUpAfter !== undefined && memory.answered.length >= persona.hangsUpAfter) return { reply: HANG_UP, memory };
  const own = persona.replies[cue.stepId];
  const again = cue.phase === 'explaining' || memory.doubted.includes(cue.stepId);
  const reply = own ? (again ? (own.again ?? own.first) : own.first) : cooperative(cue.stepId, step);
  const doubts = reply.intent.kind === 'answer' ? reply.intent.answer !== 'yes' : reply.intent.kind === 'branch';
  return {
    reply,
    memory: {
      doubted: doubts && !memory.doubted.includes(cue.stepId) ? [...memory.doubted, cue.stepId] : memory.doubted,
      answered: regulatory && fresh && reply.intent.kind === 'answer' ? [...memory.answered, cue.stepId] : memory.answered,
    },
  };
}

/** Every line `persona` can say (each needs a clip in its voice). */
export function linesOf(persona: Persona): readonly LineId[] {
  const lines = new Set<LineId>(['hello', 'yes', 'mm', 'goodbye']);
  for (const [stepId, line] of Object.entries(COOPERATIVE_LINES)) if (!persona.replies[stepId]) lines.add(line);
  for (const own of Object.values(persona.replies)) {
    if (!own) continue;
    lines.add(own.first.line);
    if (own.again) lines.add(own.again.line);
  }
  if (persona.hangsUpAfter !== undefined) lines.add(HANG_UP.line);
  return [...lines];
}
