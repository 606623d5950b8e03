import type { PolicyCase } from '../../../shared/domain/case';
import { maskName, maskPhone } from '../../../shared/domain/masking';
import { messages } from '../../i18n/messages';

/**
 * What the outcome is about, so the agent confirms the right case after the call: policy, product,
 * policyholder and the number called (masked: the screen may be seen by others now the call is
 * over), and the notes taken during the call.
 */
export function OutcomeRecap({ policy, number, notes }: { policy: PolicyCase; number: string | null; notes: string }) {
  const t = messages.outcome.recap;
  return (
    <dl className="outcome-recap" aria-label={t.title}>
      <div>
        <dt>{t.policy}</dt>
        <dd>{messages.common.withAside(policy.policyNo, policy.product.name)}</dd>
      </div>
      <div>
        <dt>{t.holder}</dt>
        <dd data-masked="true">{maskName(policy.policyholder.name)}</dd>
      </div>
      <div>
        <dt>{t.number}</dt>
        <dd data-masked="true">{number ? maskPhone(number) : messages.common.none}</dd>
      </div>
      <div className="outcome-recap-notes">
        <dt>{t.notes}</dt>
        <dd>{notes.trim() || t.noNotes}</dd>
      </div>
    </dl>
  );
}
