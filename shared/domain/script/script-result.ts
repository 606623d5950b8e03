import type { ItemResult, ScriptResult, ScriptState } from './script-state';

/** The result of a terminal state (also used by the reducer when a call ends). */
export function buildResult(state: ScriptState): ScriptResult {
  const items: ItemResult[] = [];
  const unansweredMandatory: string[] = [];
  let contactUpdateNeeded = false;
  for (const step of state.steps) {
    const r = state.records[step.id];
    if (r && r.kind === 'answered') {
      items.push({ stepId: step.id, topic: step.topic ?? null, mandatory: step.mandatory, first: r.first, final: r.final, explained: r.explained });
      if (step.topic === 'contact' && r.final !== 'yes') contactUpdateNeeded = true;
      if (step.mandatory && r.final === null) unansweredMandatory.push(step.id);
    } else if (step.kind === 'question' && step.mandatory) unansweredMandatory.push(step.id);
  }
  return {
    scriptId: state.scriptId,
    scriptVersion: state.scriptVersion,
    policyNo: state.policyNo,
    status: state.phase === 'finished' ? 'completed' : 'broken_off',
    endReason: state.endReason,
    startedAt: state.startedAt,
    endedAt: state.endedAt ?? '',
    items,
    unansweredMandatory,
    contactUpdateNeeded,
    note: state.note,
    proxy: state.proxy ? { relation: state.proxy.relation, name: state.proxy.name, reason: state.proxy.reason } : null,
    markers: state.log.filter((e) => e.type === 'step_entered').map((e) => ({ stepId: e.stepId ?? '', at: e.at })),
  };
}
