/**
 * Outcome classification (docs/domain.md §6): turns a script result (or an unreached cycle) into a
 * category, the kinds found and the follow-up work order. A result is standard only when the call
 * completed — which means the policyholder personally confirmed identity — and every applicable
 * mandatory item was answered 是 at the first ask (Shandong rule, docs/domain.md §11).
 */

import type { PolicyCase } from '../case';
import type { Message } from '../message';
import type { ScriptResult } from '../script/script-state';
import { verificationKindForAttempts, type AttemptOutcome } from './attempt-outcome';
import { doubtsOf, isCutOff } from './cut-off';
import { DEFAULT_SCHEME } from './default-scheme';
import { CATEGORY_PRECEDENCE, type OutcomeCategory, type OutcomeKind, type OutcomeScheme, type WorkOrderKind } from './outcome-scheme';

/** A kind found, with its scheme label. */
export interface FoundKind {
  readonly code: string;
  readonly category: OutcomeCategory;
  readonly label: Message;
  /** The script step that produced it, or `null` for the way the call ended / the attempts. */
  readonly stepId: string | null;
}

/** The follow-up a non-standard result needs. */
export interface FollowUp {
  readonly workOrderKind: WorkOrderKind;
  /** The selling branch. */
  readonly owner: { readonly branchCode: string; readonly branchName: string };
  readonly deadlineWorkingDays: number;
  readonly sellerMayHandle: boolean;
}

/** Classification of one case. */
export interface Classification {
  readonly schemeId: string;
  readonly category: OutcomeCategory;
  /** The scheme's name for the category. */
  readonly categoryLabel: Message;
  readonly kinds: readonly FoundKind[];
  readonly followUp: FollowUp | null;
}

function kindOf(scheme: OutcomeScheme, code: string): OutcomeKind {
  const k = scheme.kinds.find((x) => x.code === code);
  if (!k) throw new Error(`outcome scheme ${scheme.id} has no kind ${code}`);
  return k;
}

function conclude(found: FoundKind[], c: PolicyCase, scheme: OutcomeScheme): Classification {
  const unique = found.filter((f, i) => found.findIndex((g) => g.code === f.code) === i);
  const category = CATEGORY_PRECEDENCE.find((cat) => unique.some((f) => f.category === cat)) ?? 'standard';
  let followUp: FollowUp | null = null;
  if (category !== 'standard') {
    // the scheme lists kinds most severe first: the first of the top category sets the follow-up
    const primary = scheme.kinds.find((k) => k.category === category && unique.some((f) => f.code === k.code));
    const rule = primary?.followUp;
    if (rule) {
      followUp = {
        workOrderKind: rule.workOrderKind,
        owner: { branchCode: c.branch.code, branchName: c.branch.name },
        deadlineWorkingDays: rule.deadlineWorkingDays,
        sellerMayHandle: rule.sellerMayHandle,
      };
    }
  }
  return { schemeId: scheme.id, category, categoryLabel: scheme.categoryLabels[category], kinds: unique, followUp };
}

function found(scheme: OutcomeScheme, code: string, stepId: string | null): FoundKind {
  const k = kindOf(scheme, code);
  return { code: k.code, category: k.category, label: k.label, stepId };
}

/** The kinds the answers themselves produce (docs/domain.md §6), whatever way the call ended. */
function answerKinds(result: ScriptResult, scheme: OutcomeScheme): FoundKind[] {
  const kinds: FoundKind[] = [];
  for (const item of result.items) {
    if (!item.mandatory) continue;
    if (item.first === 'yes' && item.final === 'yes') continue;
    const resolution = item.final === 'yes' ? 'corrected' : 'not_corrected';
    const answer = resolution === 'corrected' ? item.first : (item.final ?? item.first);
    const rule = scheme.findings.find(
      (r) => item.topic !== null && r.topics.includes(item.topic) && r.resolution === resolution && (!r.answers || r.answers.includes(answer)),
    );
    const code = rule?.kind ?? (resolution === 'corrected' ? scheme.fallback.corrected : scheme.fallback.notCorrected);
    kinds.push(found(scheme, code, item.stepId));
  }
  return kinds;
}

/**
 * Classifies a finished or broken-off script result under a scheme (default: docs/domain.md §6).
 * A call cut off after a finding never carries a not-reached kind: only its answers count (a doubt
 * still under explanation counts as not cleared — whether the case is closed with it, or the doubt
 * is carried to the next call, is `cutOffVerdict`'s question).
 */
export function classify(result: ScriptResult, c: PolicyCase, scheme: OutcomeScheme = DEFAULT_SCHEME): Classification {
  return conclude(resultKinds(result, scheme), c, scheme);
}

/**
 * The category and kind codes `classify` gives a result, without the follow-up (which needs the
 * case): what the centre re-derives from an archived session's answers.
 */
export function categoryOf(result: ScriptResult, scheme: OutcomeScheme = DEFAULT_SCHEME): { category: OutcomeCategory; kinds: string[] } {
  const found = resultKinds(result, scheme);
  const category = CATEGORY_PRECEDENCE.find((cat) => found.some((f) => f.category === cat)) ?? 'standard';
  return { category, kinds: [...new Set(found.map((k) => k.code))] };
}

function resultKinds(result: ScriptResult, scheme: OutcomeScheme): FoundKind[] {
  const kinds = answerKinds(result, scheme);
  // A cut-off call's only kind is "not reached" when its answers found nothing: a finding never
  // comes with 回访周期内未联系上 beside it.
  const findingsThenCut = isCutOff(result) && kinds.length > 0;
  if (result.status === 'broken_off' && result.endReason !== null && !findingsThenCut) {
    kinds.push(found(scheme, scheme.endReasons[result.endReason], null));
  } else if (result.status === 'completed' && result.unansweredMandatory.length > 0) {
    // cannot come out of the engine; refuse to call such a result standard if it is ever built by hand
    kinds.push(found(scheme, scheme.verificationKinds.not_reached, null));
  }
  return kinds;
}

/** Classifies a case whose visit cycle ended without reaching the policyholder. */
export function classifyUnreached(outcomes: readonly AttemptOutcome[], c: PolicyCase, scheme: OutcomeScheme = DEFAULT_SCHEME): Classification {
  return conclude([found(scheme, scheme.verificationKinds[verificationKindForAttempts(outcomes)], null)], c, scheme);
}

/**
 * Classifies a case whose attempts ran out. With answers carried from a call that was cut off
 * (docs/domain.md §6), a doubt that was never cleared is the result (问题件 of that kind: it was
 * never cleared), not "not reached"; without doubts the attempts decide (`classifyUnreached`).
 */
export function classifyCycleEnd(
  outcomes: readonly AttemptOutcome[],
  carried: ScriptResult | null,
  c: PolicyCase,
  scheme: OutcomeScheme = DEFAULT_SCHEME,
): Classification {
  if (carried && doubtsOf(carried).length > 0) return conclude(answerKinds(carried, scheme), c, scheme);
  return classifyUnreached(outcomes, c, scheme);
}
