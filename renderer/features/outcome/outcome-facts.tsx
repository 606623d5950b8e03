import type { EndReason } from '../../../shared/domain/script/script-definition';
import type { AuthorisedProxy } from '../../../shared/domain/script/authorised-proxy';
import { messages } from '../../i18n/messages';
import type { VisitDecision } from './visit-decision';

/**
 * What the domain core decided for this visit: the category with its kinds and follow-up work
 * order, or — for an interim attempt (the policyholder not reached this time, or the call cut off
 * mid-script) — no verdict yet: what happened, and what the case becomes if the attempts run out.
 */
export function OutcomeFacts({
  decision,
  proxy,
  endReason,
  maxAttempts,
}: {
  decision: VisitDecision;
  proxy: AuthorisedProxy | null;
  endReason: EndReason | null;
  maxAttempts: number;
}) {
  const c = decision.classification;
  const interim = decision.kind === 'interim';
  return (
    <dl className="outcome-facts">
      <div>
        <dt>{messages.outcome.computed}</dt>
        <dd>
          <strong className={`category category-${interim ? 'interim' : c.category}`} data-testid="outcome-category">
            {interim ? messages.outcome.interimCategory : c.categoryLabel.zh}
          </strong>
        </dd>
      </div>
      <div>
        <dt>{interim ? messages.outcome.interimWhat : messages.outcome.kinds}</dt>
        <dd>
          {interim ? (
            <>
              {endReason ? messages.wizard.endReasonLabel(endReason) : messages.outcome.notReached}
              {decision.carriesAnswers ? (
                <p className="outcome-carried" data-testid="carried-answers">
                  {messages.outcome.carried(decision.resumeTopic ? messages.wizard.topics[decision.resumeTopic] : null)}
                </p>
              ) : null}
            </>
          ) : c.kinds.length === 0 ? (
            messages.outcome.noKinds
          ) : (
            <ul aria-label={messages.outcome.kinds}>
              {c.kinds.map((k) => (
                <li key={k.code} data-kind={k.code}>
                  {k.label.zh}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      {proxy ? (
        <div className="outcome-proxy">
          <dt>{messages.outcome.proxy}</dt>
          <dd>{messages.wizard.proxyWho(proxy)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{messages.outcome.followUp}</dt>
        <dd>
          {interim ? (
            messages.outcome.interimFollowUp(maxAttempts, messages.common.withAside(c.categoryLabel.zh, messages.common.list(c.kinds.map((k) => k.label.zh))))
          ) : c.followUp ? (
            <>
              {messages.outcome.workOrders[c.followUp.workOrderKind]} · {messages.outcome.deadline(c.followUp.deadlineWorkingDays)} ·{' '}
              {messages.outcome.owner(c.followUp.owner.branchName)}
              {c.followUp.sellerMayHandle ? '' : ` · ${messages.outcome.sellerMayNot}`}
            </>
          ) : (
            messages.outcome.noFollowUp
          )}
        </dd>
      </div>
    </dl>
  );
}
