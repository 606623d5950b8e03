/**
 * The centre checks what it is told (README "Result checks"; docs/domain.md §6): it rebuilds the
 * script result from an archived call session's answers, classifies it with the same classifier
 * and script version the desk's wizard used, and compares that with the result the desk pushed.
 * Pure: the centre's store feeds it, the same code runs in tests.
 */

import type { Answer } from '../script/answer';
import type { EndReason, ScriptDefinition } from '../script/script-definition';
import type { ItemResult, ScriptResult } from '../script/script-state';
import { DEFAULT_SCRIPT } from '../script/default-script';
import { categoryOf } from './classify';
import { cutOffVerdict } from './cut-off';
import { DEFAULT_SCHEME } from './default-scheme';
import { CATEGORY_PRECEDENCE, type OutcomeCategory, type OutcomeScheme } from './outcome-scheme';

/** Scripts the centre can re-derive with, by id and version (a session names the one it used). */
export const CHECKED_SCRIPTS: readonly ScriptDefinition[] = [DEFAULT_SCRIPT];

/**
 * Why a result is flagged:
 * - `override_without_reason`: the result is not what the answers give, and no override says why;
 * - `computed_differs`: an override claims the wizard computed something the answers do not give;
 * - `answers_differ`: the answers pushed with the result are not the archived session's answers;
 * - `session_differs`: the archived session closed with another result than the one pushed;
 * - `underivable`: the session's answers cannot be read under a script the centre knows;
 * - `session_missing`: no archived session arrived within the deadline (raised by the centre's sweep).
 */
export type ResultFlagKind = 'override_without_reason' | 'computed_differs' | 'answers_differ' | 'session_differs' | 'underivable' | 'session_missing';

/** What the archived session holds in clear for the check (no personal data: step ids and 是/否 codes). */
export interface SessionFacts {
  readonly scriptId: string | null;
  readonly scriptVersion: string | null;
  readonly answers: Readonly<Record<string, string>>;
  readonly outcome: string | null;
  /** Absent on sessions closed before kinds were kept. */
  readonly kinds?: readonly string[];
}

/** The result as the desk pushed it (`resultItemSchema` data). */
export interface PushedResult {
  readonly classification: OutcomeCategory;
  readonly kinds: readonly string[];
  readonly answers?: Readonly<Record<string, string>>;
  readonly override?: { readonly computedClassification: OutcomeCategory; readonly computedKinds: readonly string[]; readonly reason: string };
}

/** One disagreement, with a plain English line for QA and the audit log. */
export interface ResultFlag {
  readonly kind: ResultFlagKind;
  readonly detail: string;
}

/**
 * The outcome of a check. `derived` is null when this session alone cannot decide the result: no
 * answers (an unreached call), or a call that was only an attempt whose result the attempt
 * history decides (docs/domain.md §4, §6) — then only the session and the push are compared.
 */
export interface ResultCheck {
  readonly derived: { readonly category: OutcomeCategory; readonly kinds: readonly string[] } | null;
  readonly flags: readonly ResultFlag[];
}

/** End reasons that make a call an attempt, not a result (mirrors the wizard's `END_REASON_ATTEMPT`). */
const ATTEMPT_END_REASONS: readonly EndReason[] = ['not_policyholder', 'busy', 'driving_or_meeting', 'hung_up', 'line_dropped'];
const ANSWERS: readonly Answer[] = ['yes', 'no', 'unclear', 'refused'];
/** The desk's answer code of an identity step an authorised family member passed. */
const PROXY_ANSWER = 'branch:authorised_family';
const END_REASON_KEY = '_endReason';

const isAnswer = (a: string): a is Answer => (ANSWERS as readonly string[]).includes(a);

/**
 * Rebuilds the script result from a session's answer codes as the desk writes them: `yes`, `no`…
 * for a first answer, `first->final` after an explanation (`none`: broken off before the re-ask),
 * `branch:authorised_family` on identity, and `_endReason` for a call that ended early.
 */
export function resultFromAnswers(
  script: ScriptDefinition,
  answers: Readonly<Record<string, string>>,
): { ok: true; result: ScriptResult } | { ok: false; problem: string } {
  const endReason = answers[END_REASON_KEY] ?? null;
  const items: ItemResult[] = [];
  let proxy = false;
  for (const step of script.steps) {
    const code = answers[step.id];
    if (code === undefined) continue;
    if (code === PROXY_ANSWER && step.topic === 'identity') {
      proxy = true;
      continue;
    }
    const [first, final = first] = code.split('->');
    if (!isAnswer(first) || (final !== 'none' && !isAnswer(final)))
      return { ok: false, problem: `step ${step.id}: answer "${code}" is not one the script takes` };
    const explained = code.includes('->');
    items.push({ stepId: step.id, topic: step.topic ?? null, mandatory: step.mandatory, first, final: final === 'none' ? null : (final as Answer), explained });
  }
  const unknown = Object.keys(answers).filter((k) => k !== END_REASON_KEY && !script.steps.some((s) => s.id === k));
  if (unknown.length > 0) return { ok: false, problem: `steps ${unknown.join(', ')} are not in script ${script.id} ${script.version}` };
  return {
    ok: true,
    result: {
      scriptId: script.id,
      scriptVersion: script.version,
      policyNo: '',
      status: endReason === null ? 'completed' : 'broken_off',
      endReason: endReason as EndReason | null,
      startedAt: null,
      endedAt: '',
      items,
      unansweredMandatory: [],
      contactUpdateNeeded: false,
      note: null,
      // Who the family member was is not in the answers and not needed: classification asks only whether one answered.
      proxy: proxy ? { relation: 'other_relative', name: '-', reason: 'hard_of_hearing' } : null,
      markers: [],
    },
  };
}

const setKey = (a: readonly string[]) => [...new Set(a)].sort().join('\n');
const sameSet = (a: readonly string[], b: readonly string[]) => setKey(a) === setKey(b);
const show = (category: string, kinds: readonly string[]) => `${category} [${[...kinds].sort().join(', ')}]`;

function sameAnswers(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** What the answers alone give, or why they cannot decide: `null` with no flag when the attempts decide. */
function derive(session: SessionFacts, scripts: readonly ScriptDefinition[], scheme: OutcomeScheme): ResultCheck['derived'] | ResultFlag {
  const answered = Object.keys(session.answers).filter((k) => k !== END_REASON_KEY);
  if (answered.length === 0) return null;
  const script = scripts.find((s) => s.id === session.scriptId && s.version === session.scriptVersion);
  if (!script)
    return { kind: 'underivable', detail: `script ${session.scriptId ?? '(none)'} version ${session.scriptVersion ?? '(none)'} is not known to the centre` };
  const rebuilt = resultFromAnswers(script, session.answers);
  if (!rebuilt.ok) return { kind: 'underivable', detail: rebuilt.problem };
  const r = rebuilt.result;
  // The same split as the wizard's decideVisit: an attempt's result is decided by the attempt history.
  const verdict = cutOffVerdict(r, scheme);
  const attempt = r.endReason !== null && ATTEMPT_END_REASONS.includes(r.endReason);
  if (verdict === 'carry' || verdict === 'not_reached' || (verdict === 'not_cut_off' && attempt)) return null;
  return categoryOf(r, scheme);
}

/** Compares a pushed result with its archived session (README "Result checks"). */
export function checkResult(
  pushed: PushedResult,
  session: SessionFacts,
  scripts: readonly ScriptDefinition[] = CHECKED_SCRIPTS,
  scheme: OutcomeScheme = DEFAULT_SCHEME,
): ResultCheck {
  const flags: ResultFlag[] = [];
  const told = show(pushed.classification, pushed.kinds);
  // A session that closed as an attempt (`unreached:…`, `interim:…`) may still carry the case's final
  // result: the attempt limit closes it (docs/domain.md §4). Only a session closed with a result is compared.
  const closedWithResult = (CATEGORY_PRECEDENCE as readonly (string | null)[]).includes(session.outcome);
  if (closedWithResult && (session.outcome !== pushed.classification || (session.kinds && !sameSet(session.kinds, pushed.kinds)))) {
    flags.push({ kind: 'session_differs', detail: `pushed ${told}; the session closed with ${show(session.outcome ?? '(none)', session.kinds ?? [])}` });
  }
  if (pushed.answers && !sameAnswers(pushed.answers, session.answers)) {
    flags.push({ kind: 'answers_differ', detail: 'the answers pushed with the result are not the archived session’s answers' });
  }
  const derived = derive(session, scripts, scheme);
  if (derived !== null && 'detail' in derived) return { derived: null, flags: [...flags, derived] };
  if (derived === null) return { derived: null, flags };
  const given = show(derived.category, derived.kinds);
  const o = pushed.override;
  if (o && o.reason.trim() === '') flags.push({ kind: 'override_without_reason', detail: `override to ${told} with a blank reason` });
  else if (o && (o.computedClassification !== derived.category || !sameSet(o.computedKinds, derived.kinds))) {
    flags.push({
      kind: 'computed_differs',
      detail: `the override says the wizard computed ${show(o.computedClassification, o.computedKinds)}; the answers give ${given}`,
    });
  } else if (!o && (pushed.classification !== derived.category || !sameSet(pushed.kinds, derived.kinds))) {
    flags.push({ kind: 'override_without_reason', detail: `pushed ${told}; the answers give ${given} and no override says why` });
  }
  return { derived, flags };
}
