/**
 * Shape of a call-back script as data (回访话术). A script is an ordered list of steps; each step
 * says when it applies (named predicates over the case), whether it is mandatory, which answers
 * it accepts, what the agent reads when the answer is not 是, and which branches the agent may
 * take. Scripts carry an id and a version; a session records which version it used.
 * Text is zh-CN with `{placeholders}` filled from the case and the session (see `placeholders.ts`).
 */

import type { Answer } from './answer';

/** Named applicability predicates (see `applies.ts`); a step applies when all of its predicates hold. */
export type AppliesWhen =
  'regular_premium' | 'single_premium' | 'dividend' | 'universal' | 'investment_linked' | 'health' | 'recorded_sale' | 'insured_differs';

/**
 * Scheme-neutral subject of a question. Outcome schemes map (topic, corrected or not, answer) to
 * their own result kinds, so the same script works with any scheme.
 */
export type Topic =
  | 'identity'
  | 'consent'
  | 'insurance_nature'
  | 'signature'
  | 'receipt'
  | 'product_description'
  | 'coverage'
  | 'surrender_loss'
  | 'cooling_off'
  | 'payment'
  | 'dividend'
  | 'universal_return'
  | 'fees'
  | 'investment_risk'
  | 'health_terms'
  | 'recorded_sale'
  | 'contact';

/** Why a call ended before the script's last step. */
export type EndReason =
  | 'not_policyholder'
  | 'no_such_person'
  | 'identity_mismatch'
  | 'busy'
  | 'driving_or_meeting'
  | 'denies_purchase'
  | 'unwilling'
  | 'declines_knows_rights'
  | 'hung_up'
  | 'line_dropped'
  | 'language_barrier'
  | 'hard_of_hearing';

/** Branch codes the agent can take on a step (the person's reaction). */
export type BranchCode =
  | 'who_is_calling'
  | 'not_policyholder'
  | 'no_such_person'
  | 'identity_mismatch'
  | 'authorised_family'
  | 'busy'
  | 'driving_or_meeting'
  | 'what_for'
  | 'denies_purchase'
  | 'unwilling'
  | 'declines_knows_rights';

/**
 * What taking a branch does: `stay` reads `line` and stays on the step; `end` reads `line` and ends
 * the call; `stay_once_then_end` reads `line` and stays the first time, and the second time reads
 * `endLine` and ends (e.g. unwilling → explain the purpose once); `proxy` (identity step only) records
 * the authorised family member who answers for the policyholder (`authorised-proxy.ts`), counts the
 * step as passed, reads `line` and moves on.
 */
export type BranchEffect = 'stay' | 'end' | 'stay_once_then_end' | 'proxy';

/** A branch the agent may take on a step. */
export interface BranchDef {
  readonly code: BranchCode;
  /** Button label (zh-CN). */
  readonly label: string;
  /** What the agent says. */
  readonly line: string;
  readonly effect: BranchEffect;
  /** Required for `end` and `stay_once_then_end`. */
  readonly endReason?: EndReason;
  /** What the agent says when a `stay_once_then_end` branch is taken the second time. */
  readonly endLine?: string;
}

/** One step of a script. */
export interface ScriptStep {
  /** Stable id, unique in the script (used in results, markers and schemes). */
  readonly id: string;
  readonly section: 'identity' | 'greeting' | 'purpose' | 'regulatory' | 'product' | 'recorded_sale' | 'payment' | 'contact' | 'closing';
  /** `statement`: read and acknowledge; `question`: needs an explicit answer. */
  readonly kind: 'statement' | 'question';
  /** zh-CN text with `{placeholders}`. */
  readonly text: string;
  /** Predicates that must all hold for the step to apply; absent or empty = always. */
  readonly appliesWhen?: readonly AppliesWhen[];
  /** A mandatory question must be answered 是 for a standard result. Statements are never mandatory. */
  readonly mandatory: boolean;
  /** Accepted answers (questions only). */
  readonly answers?: readonly Answer[];
  readonly topic?: Topic;
  /**
   * Read when the first answer is not 是; the question is then asked again, and the answer after
   * explanation is final: 是 → corrected (已纠正, substandard), anything else → not corrected
   * (problem). Without it, a first answer that is not 是 is already final.
   */
  readonly explanation?: string;
  readonly branches?: readonly BranchDef[];
  /** The rule the step implements. */
  readonly source?: string;
}

/** A versioned call-back script. */
export interface ScriptDefinition {
  readonly id: string;
  readonly version: string;
  readonly locale: 'zh-CN';
  readonly title: string;
  readonly steps: readonly ScriptStep[];
}
