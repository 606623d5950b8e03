/**
 * Pre-fills a call's QA form from what the call left (docs/domain.md §9): the session's answer codes
 * and its per-answer markers say which items were asked, in what order and answered how. QA then
 * confirms or corrects each item while listening; the suggestion is never the verdict.
 */

import type { QaForm, QaFormItem } from './qa-form';

/** A verdict on one checkpoint. `na`: the item could not be judged on this call (never reached). */
export type QaVerdict = 'pass' | 'fail' | 'na';

/** What a session offers: markers (one per accepted answer or branch, epoch ms) and answer codes. */
export interface QaSessionFacts {
  readonly markers: readonly { readonly questionId: string; readonly at: number; readonly answer: string | null }[];
  /** Step id → `yes`, `no->yes` (answer, then after the explanation), `branch:…`; `_endReason` for a call that ended early. */
  readonly answers: Readonly<Record<string, string>>;
}

/**
 * Why a suggestion is what it is:
 * - `not_asked`: an applied step has neither answer nor marker, and the call went to its end;
 * - `not_reached`: the call ended early before the step (not the agent's fault);
 * - `no_final_answer`: the re-ask after an explanation got no answer;
 * - `out_of_order`: asked after a step that comes later in the script (第15条 lists the items in order);
 * - `explained`: the first answer was not 是 and the explanation was read (for the listener);
 * - `details_before_identity`: a policy question was answered before identity was confirmed;
 * - `listen`: only listening can tell (wording, phrases, pace, greeting, closing).
 */
export type PrefillReason = 'not_asked' | 'not_reached' | 'no_final_answer' | 'out_of_order' | 'explained' | 'details_before_identity' | 'listen';

/** One step of an item as the call left it. */
export interface PrefillStep {
  readonly stepId: string;
  /** The answer code, null when none was recorded. */
  readonly answer: string | null;
  /** 1-based place among the questions in the order they were first answered; null when never. */
  readonly position: number | null;
}

/** The pre-filled state of one checkpoint. */
export interface QaPrefill {
  readonly itemId: string;
  /** null: QA must decide by listening. */
  readonly suggested: QaVerdict | null;
  readonly reasons: readonly PrefillReason[];
  readonly steps: readonly PrefillStep[];
  /** Where the player jumps for this item (epoch ms): when the question began (the marker before its first answer), or null. */
  readonly jumpAt: number | null;
}

const END_REASON_KEY = '_endReason';
const PROXY_ANSWER = 'branch:authorised_family';
const isHousekeeping = (id: string) => id.startsWith('_');

/** Pre-fills every item of `form` from the session (`scriptOrder`: the script's step ids in order). */
export function prefillForm(form: QaForm, session: QaSessionFacts, scriptOrder: readonly string[]): QaPrefill[] {
  const markers = session.markers.filter((m) => !isHousekeeping(m.questionId)).sort((a, b) => a.at - b.at);
  const firstAt = new Map<string, number>();
  for (const m of markers) if (!firstAt.has(m.questionId)) firstAt.set(m.questionId, m.at);
  const asked = [...firstAt.keys()];
  const rank = (id: string) => scriptOrder.indexOf(id);
  const outOfOrder = new Set(asked.filter((id, i) => asked.slice(0, i).some((before) => rank(before) > rank(id))));
  const brokenOff = session.answers[END_REASON_KEY] !== undefined;
  const jumpFor = (stepId: string | undefined): number | null => {
    const at = stepId === undefined ? undefined : firstAt.get(stepId);
    if (at === undefined) return null;
    const before = markers.filter((m) => m.at < at);
    return before.length > 0 ? before[before.length - 1]!.at : at;
  };
  const ctx: Ctx = { session, markers, firstAt, asked, outOfOrder, brokenOff, jumpFor };
  return form.items.map((item) => (item.kind === 'regulatory' ? regulatory(item, ctx) : conduct(item, ctx)));
}

interface Ctx {
  readonly session: QaSessionFacts;
  readonly markers: QaSessionFacts['markers'];
  readonly firstAt: ReadonlyMap<string, number>;
  readonly asked: readonly string[];
  readonly outOfOrder: ReadonlySet<string>;
  readonly brokenOff: boolean;
  readonly jumpFor: (stepId: string | undefined) => number | null;
}

function regulatory(item: Extract<QaFormItem, { kind: 'regulatory' }>, c: Ctx): QaPrefill {
  const steps = item.stepIds.map((stepId): PrefillStep => {
    const pos = c.asked.indexOf(stepId);
    return { stepId, answer: c.session.answers[stepId] ?? null, position: pos < 0 ? null : pos + 1 };
  });
  const reasons = new Set<PrefillReason>();
  const missing = steps.filter((s) => s.answer === null && s.position === null);
  for (const s of steps) {
    if (s.answer === null && s.position === null) reasons.add(c.brokenOff ? 'not_reached' : 'not_asked');
    if (s.answer?.endsWith('->none')) reasons.add('no_final_answer');
    else if (s.answer?.includes('->')) reasons.add('explained');
    if (c.outOfOrder.has(s.stepId)) reasons.add('out_of_order');
  }
  let suggested: QaVerdict;
  if (missing.length === steps.length && c.brokenOff) suggested = 'na';
  else if (reasons.has('not_asked') || reasons.has('out_of_order')) suggested = 'fail';
  // A call cut off during the explanation: the next call finishes it (docs/domain.md §6), not the agent's fault.
  else if (reasons.has('no_final_answer')) suggested = c.brokenOff ? 'na' : 'fail';
  else suggested = 'pass';
  return { itemId: item.id, suggested, reasons: [...reasons], steps, jumpAt: c.jumpFor(steps.find((s) => s.position !== null)?.stepId) };
}

function conduct(item: Extract<QaFormItem, { kind: 'conduct' }>, c: Ctx): QaPrefill {
  const base = { itemId: item.id, steps: [] as PrefillStep[] };
  switch (item.check) {
    case 'identity_first': {
      const passedAt = c.markers.find((m) => m.questionId === 'identity' && (m.answer === 'yes' || m.answer === PROXY_ANSWER))?.at;
      const early = c.markers.filter((m) => m.questionId !== 'identity' && (passedAt === undefined || m.at < passedAt));
      if (early.length > 0) return { ...base, suggested: 'fail', reasons: ['details_before_identity'], jumpAt: early[0]!.at };
      return { ...base, suggested: 'pass', reasons: [], jumpAt: c.firstAt.get('identity') ?? null };
    }
    case 'greeting_staff_no':
      // Statements leave no marker: the greeting follows the identity answer.
      return { ...base, suggested: null, reasons: ['listen'], jumpAt: c.firstAt.get('identity') ?? null };
    case 'closing':
      if (c.brokenOff) return { ...base, suggested: 'na', reasons: ['not_reached'], jumpAt: null };
      return { ...base, suggested: null, reasons: ['listen'], jumpAt: c.markers.length > 0 ? c.markers[c.markers.length - 1]!.at : null };
    case 'no_leading_wording':
    case 'no_forbidden_phrases':
    case 'pace':
      return { ...base, suggested: null, reasons: ['listen'], jumpAt: null };
  }
}
