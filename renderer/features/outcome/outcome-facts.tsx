import type { EndReason } from '../../../shared/domain/script/script-definition';
import type { AuthorisedProxy } from '../../../shared/domain/script/authorised-proxy';
import { endReasonLabel } from '../wizard/end-reason-labels';
import { proxyWho } from '../wizard/proxy-labels';
import { outcomeMessages as t } from './outcome-messages';
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
        <dt>{t.computed}</dt>
        <dd>
          <strong className={`category category-${interim ? 'interim' : c.category}`} data-testid="outcome-category">
            {interim ? t.interimCategory : c.categoryLabel.zh}
          </strong>
        </dd>
      </div>
      <div>
        <dt>{interim ? t.interimWhat : t.kinds}</dt>
        <dd>
          {interim ? (
            endReason ? endReasonLabel(endReason) : t.notReached
          ) : c.kinds.length === 0 ? (
            t.noKinds
          ) : (
            <ul aria-label={t.kinds}>
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
          <dt>{t.proxy}</dt>
          <dd>{proxyWho(proxy)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t.followUp}</dt>
        <dd>
          {interim ? (
            t.interimFollowUp(maxAttempts, `${c.categoryLabel.zh}（${c.kinds.map((k) => k.label.zh).join('、')}）`)
          ) : c.followUp ? (
            <>
              {t.workOrders[c.followUp.workOrderKind]} · {t.deadline(c.followUp.deadlineWorkingDays)} · {t.owner(c.followUp.owner.branchName)}
              {c.followUp.sellerMayHandle ? '' : ` · ${t.sellerMayNot}`}
            </>
          ) : (
            t.noFollowUp
          )}
        </dd>
      </div>
    </dl>
  );
}
