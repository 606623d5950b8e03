import type { PolicyCase } from '../../shared/domain/case';
import { policyholderAge } from '../../shared/domain/case';
import { checkEligibility } from '../../shared/domain/eligibility';
import { coolingOffLength } from '../../shared/domain/cooling-off-length';
import { addDays } from '../../shared/domain/calendar/iso-date';
import { defaultCalendar } from '../../shared/domain/calendar/default-calendar';
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

/** The part of `computeSchedule` (shared/domain/schedule.ts) the centre keeps: the period's end and whether it is sure. */
interface PeriodEnd {
  readonly end: string;
  readonly uncertain: boolean;
}

/**
 * Period ends already worked out, per calendar, by signing day and length: an import's rows share
 * a few hundred of them, and each took date arithmetic and a calendar walk (with the list-extraction
 * date `computeSchedule` also gives, about a tenth of what an import allocated). Bounded like the
 * date cache of parse-date.ts.
 */
const periodEnds = new WeakMap<WorkingCalendar, Map<string, PeriodEnd>>();
const PERIOD_ENDS_MAX = 20_000;

/** `computeSchedule(c).visitDeadline` and `.calendarUncertain` for a signed receipt, computed as there. */
function periodEnd(signedOn: string, days: number, calendar: WorkingCalendar): PeriodEnd {
  let known = periodEnds.get(calendar);
  if (!known) periodEnds.set(calendar, (known = new Map()));
  const key = `${signedOn}+${days}`;
  let hit = known.get(key);
  if (hit === undefined) {
    const nominalEnd = addDays(signedOn, days);
    const end = calendar.nextWorkingDayOnOrAfter(nominalEnd);
    hit = { end, uncertain: calendar.uncertainYearsBetween(nominalEnd, end).length > 0 };
    if (known.size >= PERIOD_ENDS_MAX) known.clear();
    known.set(key, hit);
  }
  return hit;
}

/**
 * Eligibility, schedule and visit mode of one case. `calendar` is the centre's (bundled data plus
 * the holiday schedules an administrator loaded); without it only the bundled data count. The
 * schedule is `computeSchedule`'s (test/center/assess-case.test.ts holds them equal).
 */
export function assessCase(c: PolicyCase, today: string, calendar?: WorkingCalendar): CaseAssessment {
  const elig = checkEligibility(c);
  const signedOn = c.dates.receiptSigned;
  const period = signedOn === undefined ? null : periodEnd(signedOn, coolingOffLength(c).days, calendar ?? defaultCalendar);
  const holderAge = policyholderAge(c);
  const flags: string[] = [];
  if (period === null) flags.push('receipt_not_signed');
  if (period?.uncertain) flags.push('calendar_uncertain');
  if (period !== null && period.end < today) flags.push('cooling_off_passed');
  if (holderAge !== null && holderAge >= 60) flags.push('aged_60_plus');
  return {
    eligible: elig.eligible,
    reasons: elig.reasons.length === 0 ? NO_REASONS : elig.reasons.map((r) => r.message),
    deadline: period === null ? null : period.end,
    holderAge,
    visitMode: holderAge !== null && holderAge >= 60 ? 'human_phone' : 'phone',
    flags,
  };
}

const NO_REASONS: readonly Message[] = Object.freeze([]);
