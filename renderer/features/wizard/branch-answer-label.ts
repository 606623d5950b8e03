import type { ScriptStep } from '../../../shared/domain/script/script-definition';

/**
 * The label of a recorded branch answer (`branch:<code>`, as markers, session answers and the
 * live board carry it) on `step`: the script's button label (`branch:busy` → 客户不便（预约回呼）), the
 * code itself when the step does not know it, or null when `answer` is not a branch answer.
 */
export function branchAnswerLabel(step: ScriptStep | undefined, answer: string): string | null {
  if (!answer.startsWith('branch:')) return null;
  const code = answer.slice('branch:'.length);
  return step?.branches?.find((b) => b.code === code)?.label ?? code;
}
