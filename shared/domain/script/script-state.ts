/**
 * Types of the script engine: its state, the events it accepts and the result it yields.
 * The engine itself is in `script-engine.ts`.
 */

import type { Message } from '../message';
import type { Answer } from './answer';
import type { AuthorisedProxy } from './authorised-proxy';
import type { BranchCode, EndReason, ScriptStep, Topic } from './script-definition';

/**
 * Phase of a scripted call (string-literal state machine; diagram in `script-engine.ts`).
 * `finished` and `broken_off` are terminal and carry a result.
 */
export type ScriptPhase = 'ready' | 'asking' | 'explaining' | 'finished' | 'broken_off';

/** Ways a call breaks off outside the script's branches. */
export type BreakOffReason = Extract<EndReason, 'hung_up' | 'line_dropped' | 'language_barrier' | 'hard_of_hearing'>;

/** An event fed to the reducer. `at` is an ISO timestamp from the caller's clock (the engine has none). */
export type ScriptEvent =
  /** The call connected: ask the first step. */
  | { readonly type: 'start'; readonly at: string }
  /** The person's answer to the current question (first ask, or the re-ask after an explanation). */
  | { readonly type: 'answer'; readonly at: string; readonly answer: Answer }
  /** The agent has read the current statement. */
  | { readonly type: 'acknowledge'; readonly at: string }
  /** Skip the current question; only for questions that are not mandatory. */
  | { readonly type: 'skip'; readonly at: string }
  /**
   * The person's reaction matches one of the step's branches. `note`: callback time, other number …
   * `proxy`: who answers for the policyholder (required by a `proxy` branch, ignored otherwise).
   */
  | { readonly type: 'branch'; readonly at: string; readonly branch: BranchCode; readonly note?: string; readonly proxy?: AuthorisedProxy }
  /** Go back to correct an answer: the previous step (or, while explaining, the same step) is asked again. */
  | { readonly type: 'back'; readonly at: string }
  /** The call ended outside the script (hang-up, dropped line, language). */
  | { readonly type: 'break_off'; readonly at: string; readonly reason: BreakOffReason; readonly note?: string };

/** What is on record for a step the call has passed. */
export type StepRecord =
  | { readonly kind: 'acknowledged'; readonly at: string }
  | { readonly kind: 'skipped'; readonly at: string }
  | {
      readonly kind: 'answered';
      /** Answer to the first ask. */
      readonly first: Answer;
      /** Final answer (after explanation when there was one); `null` while the explanation is pending. */
      readonly final: Answer | null;
      /** An explanation was read and the question re-asked. */
      readonly explained: boolean;
      readonly at: string;
    };

/** One entry of the append-only event log (also the source of the recording's per-question markers). */
export interface LogEntry {
  readonly seq: number;
  readonly at: string;
  readonly type: 'init' | 'start' | 'step_entered' | 'answer' | 'acknowledge' | 'skip' | 'branch' | 'back' | 'break_off' | 'finish';
  readonly stepId: string | null;
  readonly answer?: Answer;
  /** For answers: first ask or re-ask after explanation. */
  readonly attempt?: 'first' | 'after_explanation';
  readonly branch?: BranchCode;
  readonly reason?: EndReason;
  readonly note?: string;
}

/** What the agent must read now besides the step text (raw text; placeholders not yet filled). */
export interface Notice {
  readonly kind: 'explanation' | 'branch' | 'end';
  readonly text: string;
}

/** One answered question in a result. */
export interface ItemResult {
  readonly stepId: string;
  readonly topic: Topic | null;
  readonly mandatory: boolean;
  readonly first: Answer;
  /** `null` when the call broke off before the re-ask. */
  readonly final: Answer | null;
  readonly explained: boolean;
}

/** Result of a finished or broken-off script, the input of outcome classification. */
export interface ScriptResult {
  readonly scriptId: string;
  readonly scriptVersion: string;
  readonly policyNo: string;
  readonly status: 'completed' | 'broken_off';
  /** `null` when completed. */
  readonly endReason: EndReason | null;
  readonly startedAt: string | null;
  readonly endedAt: string;
  /** Answered questions, in script order (skipped questions and statements left out). */
  readonly items: readonly ItemResult[];
  /** Applicable mandatory questions with no final answer (always empty when completed). */
  readonly unansweredMandatory: readonly string[];
  /** The person said the contact data are wrong. */
  readonly contactUpdateNeeded: boolean;
  /** Note given with the ending branch or break-off (callback time, another number …). */
  readonly note: string | null;
  /** The authorised family member who answered for the policyholder; null when the policyholder did. */
  readonly proxy: AuthorisedProxy | null;
  /** When each step was entered, for markers on the recording. */
  readonly markers: readonly { readonly stepId: string; readonly at: string }[];
}

/** Why the last event was refused (state otherwise unchanged). */
export interface Rejection {
  readonly eventType: ScriptEvent['type'];
  readonly at: string;
  readonly message: Message;
}

/** The whole engine state: serialisable, immutable. */
export interface ScriptState {
  readonly scriptId: string;
  readonly scriptVersion: string;
  readonly policyNo: string;
  /** The steps that apply to this case, in order (fixed at init). */
  readonly steps: readonly ScriptStep[];
  readonly phase: ScriptPhase;
  /** Index into `steps` of the current step (meaningful in `asking` / `explaining`). */
  readonly index: number;
  /** When an earlier, cut-off call of this case left the answers this session started with; null: a fresh start. */
  readonly resumedFrom: string | null;
  /** Current record per step id; going back removes the record here, never from `log`. */
  readonly records: Readonly<Record<string, StepRecord>>;
  /** How often each `stepId:branch` was taken (for `stay_once_then_end`). */
  readonly branchCounts: Readonly<Record<string, number>>;
  readonly notice: Notice | null;
  /** Append-only history of every accepted event. */
  readonly log: readonly LogEntry[];
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly endReason: EndReason | null;
  readonly note: string | null;
  /** The authorised family member answering for the policyholder, and the step that recorded it. */
  readonly proxy: (AuthorisedProxy & { readonly stepId: string; readonly at: string }) | null;
  readonly result: ScriptResult | null;
  readonly rejection: Rejection | null;
}
