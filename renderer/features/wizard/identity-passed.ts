import type { ScriptState } from '../../../shared/domain/script/script-state';

/**
 * True once every identity question of the script has the final answer 是. Until then the case
 * view keeps ID number, address and amounts masked; going back to the identity step masks again.
 */
export function identityPassed(state: ScriptState | null): boolean {
  if (!state) return false;
  const identity = state.steps.filter((s) => s.topic === 'identity' && s.kind === 'question');
  if (identity.length === 0) return false;
  return identity.every((s) => {
    const r = state.records[s.id];
    return r?.kind === 'answered' && r.final === 'yes';
  });
}
