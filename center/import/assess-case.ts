import type { PolicyCase } from '../../shared/domain/case';
import { policyholderAge } from '../../shared/domain/case';
import { checkEligibility } from '../../shared/domain/eligibility';
import { computeSchedule } from '../../shared/domain/schedule';
import type { WorkingCalendar } from '../../shared/domain/calendar/working-calendar';
import type { Message } from '../../shared/domain/message';

/** What the centre derives from a valid case with the domain core. */
export interface CaseAssessment {
  readonly eligible: boolean;
  readonly reasons: readonly Message[];
  /** Last day of a valid visit (cooling-off end), `null` until the receipt is signed. */
  readonly deadline: string | null;
  readonly holderAge: number | null;
  /** 60+ policyholders get a human phone visit (docs/domain.md §11). */
  readonly visitMode: 'human_phone' | 'phone';
  /** Schedule flags (red flags are added per batch). */
  readonly flags: string[];
}

/**
 * Eligibility, schedule and visit mode of one case. `calendar` is the centre's (bundled data plus
 * the holiday schedules an administrator loaded); without it only the bundled data count.
 */
export function assessCase(c: PolicyCase, today: string, calendar?: WorkingCalendar): CaseAssessment {
  const elig = checkEligibility(c);
  const schedule = computeSchedule(c, { calendar });
  const holderAge = policyholderAge(c);
  const flags: string[] = [];
  if (schedule.coolingOff === null) flags.push('receipt_not_signed');
  if (schedule.calendarUncertain) flags.push('calendar_uncertain');
  if (schedule.visitDeadline !== null && schedule.visitDeadline < today) flags.push('cooling_off_passed');
  if (holderAge !== null && holderAge >= 60) flags.push('aged_60_plus');
  return {
    eligible: elig.eligible,
    reasons: elig.reasons.map((r) => r.message),
    deadline: schedule.visitDeadline,
    holderAge,
    visitMode: holderAge !== null && holderAge >= 60 ? 'human_phone' : 'phone',
    flags,
  };
}
