import type { PolicyCase } from '../../../shared/domain/case';
import type { CarriedProgress } from '../../../shared/domain/script/carried-progress';
import type { ScriptDefinition } from '../../../shared/domain/script/script-definition';
import { huifang } from '../../ipc/huifang';
import { useWizardStore } from '../wizard/wizard-store';

/**
 * Opens the script on a connected call. Each answered question leaves a marker on the call session,
 * so QA can jump to it in the recording (docs/domain.md §9).
 */
export function startScript(call: {
  readonly script: ScriptDefinition;
  readonly policy: PolicyCase;
  readonly sessionId: string;
  readonly number: string;
  readonly carried: CarriedProgress | null;
}): void {
  const { sessionId } = call;
  useWizardStore.getState().begin(
    call.script,
    call.policy,
    (m) => {
      void huifang().session.marker({ sessionId, questionId: m.questionId, at: m.at, answer: m.answer, reask: m.reask });
    },
    new Date(),
    call.number,
    call.carried,
  );
}
