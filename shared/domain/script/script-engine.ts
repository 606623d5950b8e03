/**
 * The script engine: a pure reducer `(state, event) → state` over a versioned script.
 *
 * ```
 *            start
 *   ready ─────────▶ asking ◀────────────────────────────────────────┐
 *     │               │ │ │  answer 是 / acknowledge / skip: next step │
 *     │               │ │ └───────────────────────────────────────────┘
 *     │               │ │  answer ≠ 是 on a step with an explanation
 *     │               │ ▼
 *     │               │ explaining ── answer (re-ask, final) ──▶ asking (next step)
 *     │               │     │ back ──▶ asking (same step)
 *     │               │ back ──▶ asking (previous step)     branch `stay` ──▶ asking (line shown)
 *     │               │ answer/ack on the last step ──▶ finished   (result)
 *     └── break_off ──┴── branch `end` / break_off ───▶ broken_off (result)
 * ```
 *
 * Invariants: it never leaves a question without an explicit answer (or an explicit skip of a
 * non-mandatory one); going back removes the current record of a step but every event stays in
 * the append-only `log`; every accepted event is timestamped and each step entry is logged so the
 * recording can carry a marker per question; `finished` and `broken_off` carry a `ScriptResult`.
 * An event that does not fit the state is refused: the state comes back unchanged except for
 * `rejection`, which says why.
 */

import type { PolicyCase } from '../case';
import type { Answer } from './answer';
import { stepApplies } from './applies';
import { checkProxy } from './authorised-proxy';
import type { BranchDef, EndReason, ScriptDefinition, ScriptStep } from './script-definition';
import { carriesOver, isPending, type CarriedProgress } from './carried-progress';
import type { LogEntry, ScriptEvent, ScriptResult, ScriptState, StepRecord } from './script-state';
import { buildResult } from './script-result';

export { availableActions, currentQuestion, visibleQuestions } from './script-selectors';

/**
 * Starts a session of `script` for case `c`: only the steps that apply to the case are kept. With
 * `carried` (answers of an earlier call of the same script that was cut off, docs/domain.md §6) the
 * opening is asked afresh, then the call continues where the earlier one stopped: an explanation
 * under way is finished first (re-ask), steps already passed are not asked again.
 */
export function initScript(script: ScriptDefinition, c: PolicyCase, now: string, carried: CarriedProgress | null = null): ScriptState {
  const steps = script.steps.filter((s) => stepApplies(s, c));
  const usable = carried !== null && carried.scriptId === script.id;
  const records: Record<string, StepRecord> = {};
  if (usable) for (const step of steps) if (carriesOver(step) && carried.records[step.id]) records[step.id] = carried.records[step.id];
  const resumed = usable && Object.keys(records).length > 0 ? carried.cutOffAt : null;
  return {
    scriptId: script.id,
    scriptVersion: script.version,
    policyNo: c.policyNo,
    steps,
    phase: 'ready',
    index: 0,
    records,
    resumedFrom: resumed,
    branchCounts: {},
    notice: null,
    log: [{ seq: 0, at: now, type: 'init', stepId: null, ...(resumed ? { note: `resumed:${resumed}` } : {}) }],
    startedAt: null,
    endedAt: null,
    endReason: null,
    note: null,
    proxy: null,
    result: null,
    rejection: null,
  };
}

type Entry = Omit<LogEntry, 'seq' | 'at'>;

function append(state: ScriptState, at: string, ...entries: Entry[]): LogEntry[] {
  const log = state.log.slice();
  for (const e of entries) log.push({ seq: log.length, at, ...e });
  return log;
}

function reject(state: ScriptState, event: ScriptEvent, zh: string, en: string): ScriptState {
  return { ...state, rejection: { eventType: event.type, at: event.at, message: { zh, en } } };
}

function withRecord(state: ScriptState, stepId: string, record: StepRecord | null): Readonly<Record<string, StepRecord>> {
  const records = { ...state.records };
  if (record) records[stepId] = record;
  else delete records[stepId];
  return records;
}

function enter(state: ScriptState, index: number, at: string, log: LogEntry[]): ScriptState {
  log.push({ seq: log.length, at, type: 'step_entered', stepId: state.steps[index].id });
  return { ...state, phase: 'asking', index, notice: null, log, rejection: null };
}

/**
 * The next step to ask: the first after the current one with no record, or whose explanation was
 * under way when an earlier call was cut off (that one is entered explaining: the agent finishes the
 * explanation and re-asks). Steps passed on an earlier call keep their records and are not asked again.
 */
function advance(state: ScriptState, at: string): ScriptState {
  let next = state.index + 1;
  while (next < state.steps.length && state.records[state.steps[next].id] && !isPending(state.records[state.steps[next].id])) next++;
  const log = state.log.slice();
  if (next < state.steps.length) {
    const step = state.steps[next];
    const entered = enter(state, next, at, log);
    if (isPending(state.records[step.id]) && step.explanation)
      return { ...entered, phase: 'explaining', notice: { kind: 'explanation', text: step.explanation } };
    return entered;
  }
  log.push({ seq: log.length, at, type: 'finish', stepId: null });
  const done: ScriptState = { ...state, phase: 'finished', endedAt: at, notice: null, log, rejection: null };
  return { ...done, result: buildResult(done) };
}

function endCall(state: ScriptState, at: string, reason: EndReason, line: string | null, log: LogEntry[], note: string | null): ScriptState {
  const ended: ScriptState = {
    ...state,
    phase: 'broken_off',
    endReason: reason,
    endedAt: at,
    note,
    notice: line === null ? null : { kind: 'end', text: line },
    log,
    rejection: null,
  };
  return { ...ended, result: buildResult(ended) };
}

/**
 * The answers a cut-off call left, as a result (for classifying a case whose attempts ran out
 * before the doubt could be cleared, docs/domain.md §6).
 */
export function carriedResult(script: ScriptDefinition, c: PolicyCase, carried: CarriedProgress): ScriptResult {
  const s = initScript(script, c, carried.cutOffAt, carried);
  return buildResult({ ...s, phase: 'broken_off', endReason: 'line_dropped', endedAt: carried.cutOffAt });
}

function onBranch(state: ScriptState, event: Extract<ScriptEvent, { type: 'branch' }>, step: ScriptStep): ScriptState {
  const def: BranchDef | undefined = step.branches?.find((b) => b.code === event.branch);
  if (!def) return reject(state, event, '当前步骤没有这个分支', `step ${step.id} has no branch ${event.branch}`);
  if (def.effect === 'proxy') return onProxy(state, event, step, def);
  const key = `${step.id}:${def.code}`;
  const taken = state.branchCounts[key] ?? 0;
  const log = append(state, event.at, { type: 'branch', stepId: step.id, branch: def.code, note: event.note });
  const branchCounts = { ...state.branchCounts, [key]: taken + 1 };
  const counted = { ...state, branchCounts };
  const ends = def.effect === 'end' || (def.effect === 'stay_once_then_end' && taken >= 1);
  if (!ends) return { ...counted, notice: { kind: 'branch', text: def.line }, log, rejection: null };
  const line = def.effect === 'end' ? def.line : (def.endLine ?? def.line);
  return endCall(counted, event.at, def.endReason ?? 'hung_up', line, log, event.note ?? null);
}

/**
 * An authorised family member answers for the policyholder: recorded with who, how related and
 * why, the step counts as passed (as if answered 是) and the script moves on; going back to the step
 * removes it again.
 */
function onProxy(state: ScriptState, event: Extract<ScriptEvent, { type: 'branch' }>, step: ScriptStep, def: BranchDef): ScriptState {
  if (step.topic !== 'identity') return reject(state, event, '只能在身份确认时记录家属代答', `step ${step.id} is not the identity question`);
  const checked = checkProxy(event.proxy);
  if (!checked.ok) return reject(state, event, checked.message.zh, checked.message.en);
  const proxy = checked.value;
  const note = `${proxy.relation}:${proxy.reason}`;
  const log = append(state, event.at, { type: 'branch', stepId: step.id, branch: def.code, note });
  const record: StepRecord = { kind: 'answered', first: 'yes', final: 'yes', explained: false, at: event.at };
  const next = advance({ ...state, records: withRecord(state, step.id, record), proxy: { ...proxy, stepId: step.id, at: event.at }, log }, event.at);
  return next.phase === 'asking' ? { ...next, notice: { kind: 'branch', text: def.line } } : next;
}

/** The proxy stays only while the step that recorded it keeps its record. */
function proxyAfterBack(state: ScriptState, stepId: string): ScriptState['proxy'] {
  return state.proxy && state.proxy.stepId === stepId ? null : state.proxy;
}

function onAsking(state: ScriptState, event: ScriptEvent): ScriptState {
  const step = state.steps[state.index];
  switch (event.type) {
    case 'start':
      return reject(state, event, '回访已开始', 'the script has already started');
    case 'answer': {
      if (step.kind !== 'question' || !(step.answers ?? []).includes(event.answer)) {
        return reject(state, event, '当前步骤不接受这个回答', `step ${step.id} does not accept "${event.answer}"`);
      }
      const log = append(state, event.at, { type: 'answer', stepId: step.id, answer: event.answer, attempt: 'first' });
      if (event.answer !== 'yes' && step.explanation) {
        const record: StepRecord = { kind: 'answered', first: event.answer, final: null, explained: true, at: event.at };
        return {
          ...state,
          phase: 'explaining',
          records: withRecord(state, step.id, record),
          notice: { kind: 'explanation', text: step.explanation },
          log,
          rejection: null,
        };
      }
      const record: StepRecord = { kind: 'answered', first: event.answer, final: event.answer, explained: false, at: event.at };
      return advance({ ...state, records: withRecord(state, step.id, record), log }, event.at);
    }
    case 'acknowledge': {
      if (step.kind !== 'statement') return reject(state, event, '问题需要客户明确回答', `step ${step.id} is a question and needs an answer`);
      const log = append(state, event.at, { type: 'acknowledge', stepId: step.id });
      return advance({ ...state, records: withRecord(state, step.id, { kind: 'acknowledged', at: event.at }), log }, event.at);
    }
    case 'skip': {
      if (step.kind !== 'question' || step.mandatory) return reject(state, event, '必答问题不能跳过', `step ${step.id} cannot be skipped`);
      const log = append(state, event.at, { type: 'skip', stepId: step.id });
      return advance({ ...state, records: withRecord(state, step.id, { kind: 'skipped', at: event.at }), log }, event.at);
    }
    case 'branch':
      return onBranch(state, event, step);
    case 'back': {
      if (state.index === 0) return reject(state, event, '已经是第一个步骤', 'already at the first step');
      const prev = state.steps[state.index - 1];
      const log = append(state, event.at, { type: 'back', stepId: prev.id });
      return enter({ ...state, records: withRecord(state, prev.id, null), proxy: proxyAfterBack(state, prev.id) }, state.index - 1, event.at, log);
    }
    case 'break_off': {
      const log = append(state, event.at, { type: 'break_off', stepId: step.id, reason: event.reason, note: event.note });
      return endCall(state, event.at, event.reason, null, log, event.note ?? null);
    }
  }
}

function onExplaining(state: ScriptState, event: ScriptEvent): ScriptState {
  const step = state.steps[state.index];
  const record = state.records[step.id];
  switch (event.type) {
    case 'answer': {
      if (!(step.answers ?? []).includes(event.answer) || record?.kind !== 'answered') {
        return reject(state, event, '当前步骤不接受这个回答', `step ${step.id} does not accept "${event.answer}"`);
      }
      const log = append(state, event.at, { type: 'answer', stepId: step.id, answer: event.answer, attempt: 'after_explanation' });
      const final: StepRecord = { ...record, final: event.answer, at: event.at };
      return advance({ ...state, records: withRecord(state, step.id, final), log }, event.at);
    }
    case 'back': {
      const log = append(state, event.at, { type: 'back', stepId: step.id });
      return enter({ ...state, records: withRecord(state, step.id, null), proxy: proxyAfterBack(state, step.id) }, state.index, event.at, log);
    }
    case 'break_off': {
      const log = append(state, event.at, { type: 'break_off', stepId: step.id, reason: event.reason, note: event.note });
      return endCall(state, event.at, event.reason, null, log, event.note ?? null);
    }
    case 'start':
    case 'acknowledge':
    case 'skip':
    case 'branch':
      return reject(state, event, '请先在解释后再次询问并记录客户的回答', 'read the explanation, ask again and record the answer first');
  }
}

/** The engine's reducer. Pure: same state and event, same result; never mutates its input. */
export function scriptReducer(state: ScriptState, event: ScriptEvent): ScriptState {
  switch (state.phase) {
    case 'ready':
      if (event.type === 'start') {
        if (state.steps.length === 0) return reject(state, event, '话术没有适用的步骤', 'the script has no applicable step');
        const log = append(state, event.at, { type: 'start', stepId: null });
        return enter({ ...state, startedAt: event.at }, 0, event.at, log);
      }
      if (event.type === 'break_off') {
        const log = append(state, event.at, { type: 'break_off', stepId: null, reason: event.reason, note: event.note });
        return endCall(state, event.at, event.reason, null, log, event.note ?? null);
      }
      return reject(state, event, '回访尚未开始', 'the script has not started');
    case 'asking':
      return onAsking(state, event);
    case 'explaining':
      return onExplaining(state, event);
    case 'finished':
    case 'broken_off':
      return reject(state, event, '回访已结束', 'the script has ended');
  }
}

/** Convenience: the answers accepted by the current step (empty when none). */
export function acceptedAnswers(state: ScriptState): readonly Answer[] {
  if (state.phase !== 'asking' && state.phase !== 'explaining') return [];
  return state.steps[state.index].answers ?? [];
}
