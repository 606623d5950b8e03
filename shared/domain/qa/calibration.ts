/**
 * Calibration (质检校准): a team lead picks calls, several QA score them blind, and the spread is
 * shown per item and per reviewer against the lead's own reference evaluation of each call.
 */

import type { QaVerdict } from './prefill';

/** One reviewer's evaluation of one calibration call. */
export interface CalibrationEntry {
  readonly sessionId: string;
  readonly evaluator: string;
  readonly score: number;
  readonly passed: boolean;
  readonly verdicts: Readonly<Record<string, QaVerdict>>;
}

export interface ItemSpread {
  readonly itemId: string;
  /** Verdicts compared with the reference on this item (over every call and reviewer). */
  readonly compared: number;
  readonly disagreements: number;
  /** disagreements / compared, 0–1 (0 when nothing was compared). */
  readonly spread: number;
}

export interface ReviewerSpread {
  readonly evaluator: string;
  readonly calls: number;
  /** Share of item verdicts equal to the reference's, 0–1. */
  readonly agreement: number;
  /** Mean of (reviewer's score − reference score) over the calls: positive = more lenient. */
  readonly meanScoreDelta: number;
  /** Calls where pass/fail differs from the reference. */
  readonly outcomeMismatches: number;
}

export interface CalibrationSpread {
  readonly items: readonly ItemSpread[];
  readonly reviewers: readonly ReviewerSpread[];
  /** Calls with no reference evaluation yet (left out of the figures). */
  readonly withoutReference: readonly string[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The spread of `entries` against the reference evaluations by `lead`. */
export function calibrationSpread(entries: readonly CalibrationEntry[], lead: string): CalibrationSpread {
  const reference = new Map(entries.filter((e) => e.evaluator === lead).map((e) => [e.sessionId, e]));
  const others = entries.filter((e) => e.evaluator !== lead);
  const withoutReference = [...new Set(others.map((e) => e.sessionId))].filter((s) => !reference.has(s));
  const items = new Map<string, { compared: number; disagreements: number }>();
  const reviewers = new Map<string, { calls: number; same: number; compared: number; delta: number; mismatches: number }>();
  for (const e of others) {
    const ref = reference.get(e.sessionId);
    if (!ref) continue;
    const r = reviewers.get(e.evaluator) ?? { calls: 0, same: 0, compared: 0, delta: 0, mismatches: 0 };
    r.calls += 1;
    r.delta += e.score - ref.score;
    if (e.passed !== ref.passed) r.mismatches += 1;
    for (const [itemId, refVerdict] of Object.entries(ref.verdicts)) {
      const it = items.get(itemId) ?? { compared: 0, disagreements: 0 };
      it.compared += 1;
      r.compared += 1;
      if (e.verdicts[itemId] === refVerdict) r.same += 1;
      else it.disagreements += 1;
      items.set(itemId, it);
    }
    reviewers.set(e.evaluator, r);
  }
  return {
    items: [...items].map(([itemId, it]) => ({ itemId, ...it, spread: it.compared === 0 ? 0 : round3(it.disagreements / it.compared) })),
    reviewers: [...reviewers].map(([evaluator, r]) => ({
      evaluator,
      calls: r.calls,
      agreement: r.compared === 0 ? 0 : round3(r.same / r.compared),
      meanScoreDelta: Math.round((r.delta / r.calls) * 10) / 10,
      outcomeMismatches: r.mismatches,
    })),
    withoutReference,
  };
}
