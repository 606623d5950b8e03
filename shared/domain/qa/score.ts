/**
 * Scores a QA evaluation against the call's form. Every item of the form needs exactly one verdict
 * (nothing silently unscored); the score is the weighted share of passed items among those judged
 * (`na` items are left out of both sides); a failed fatal item fails the whole evaluation whatever
 * the score; otherwise it passes at the form's pass mark.
 */

import type { QaForm } from './qa-form';
import type { QaVerdict } from './prefill';

/** QA's verdict on one item; `note` says what was heard (required when a fatal item fails). */
export interface QaItemVerdict {
  readonly itemId: string;
  readonly verdict: QaVerdict;
  readonly note?: string;
}

/** A scored evaluation. `score` is 0–100 with one decimal. */
export interface QaScore {
  readonly score: number;
  readonly passed: boolean;
  /** Fatal items that failed, in form order. */
  readonly fatalFailures: readonly string[];
  readonly earned: number;
  readonly possible: number;
}

export type QaScoreResult = { readonly ok: true; readonly value: QaScore } | { readonly ok: false; readonly problems: readonly string[] };

const VERDICTS: readonly QaVerdict[] = ['pass', 'fail', 'na'];

/** Checks that the verdicts cover the form exactly and scores them; problems in plain English. */
export function scoreEvaluation(form: QaForm, verdicts: readonly QaItemVerdict[]): QaScoreResult {
  const problems: string[] = [];
  const byId = new Map<string, QaItemVerdict>();
  for (const v of verdicts) {
    if (byId.has(v.itemId)) problems.push(`item ${v.itemId}: judged twice`);
    byId.set(v.itemId, v);
    if (!form.items.some((i) => i.id === v.itemId)) problems.push(`item ${v.itemId}: not on form ${form.formId} v${form.formVersion} for this call`);
    if (!VERDICTS.includes(v.verdict)) problems.push(`item ${v.itemId}: verdict "${String(v.verdict)}" is not pass, fail or na`);
  }
  let earned = 0;
  let possible = 0;
  const fatalFailures: string[] = [];
  for (const item of form.items) {
    const v = byId.get(item.id);
    if (!v) {
      problems.push(`item ${item.id}: no verdict`);
      continue;
    }
    if (v.verdict === 'na') continue;
    possible += item.weight;
    if (v.verdict === 'pass') earned += item.weight;
    else if (item.fatal) {
      fatalFailures.push(item.id);
      if (!v.note?.trim()) problems.push(`item ${item.id}: a failed fatal item needs a note saying what was heard`);
    }
  }
  if (problems.length === 0 && possible === 0) problems.push('every item is n/a: there is nothing to score');
  if (problems.length > 0) return { ok: false, problems };
  const score = Math.round((earned / possible) * 1000) / 10;
  return { ok: true, value: { score, passed: fatalFailures.length === 0 && score >= form.passMark, fatalFailures, earned, possible } };
}
