import type { CallSession } from '../../../shared/ipc/channels/recording';
import { prefillForm, type QaPrefill } from '../../../shared/domain/qa/prefill';
import type { QaForm, QaFormItem } from '../../../shared/domain/qa/qa-form';
import { CHECKED_SCRIPTS } from '../../../shared/domain/outcome/rederive';

/** The script's step order for the pre-fill (the form's own order when the script is not known here). */
function scriptOrder(scriptId: string, version: string, items: readonly QaFormItem[]): string[] {
  const script = CHECKED_SCRIPTS.find((s) => s.id === scriptId && s.version === version);
  return script ? script.steps.map((s) => s.id) : items.flatMap((i) => (i.kind === 'regulatory' ? i.stepIds : []));
}

/** The call's form pre-filled from its session (shared/domain/qa/prefill.ts): suggestions and where each item is heard. */
export function prefillCall(form: QaForm, session: CallSession): QaPrefill[] {
  return prefillForm(form, session, scriptOrder(form.scriptId, form.scriptVersion, form.items));
}
