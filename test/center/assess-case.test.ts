import { assessCase } from '../../center/import/assess-case';
import { computeSchedule } from '../../shared/domain/schedule';
import { createWorkingCalendar } from '../../shared/domain/calendar/working-calendar';
import { checkEligibility } from '../../shared/domain/eligibility';
import { policyholderAge, type PolicyCase } from '../../shared/domain/case';
import { generateCases } from '../../shared/domain/synthetic-cases';
import { makeCase } from '../../shared/domain/fixtures';

// The import keeps a case's visit deadline and schedule flags (center/import/assess-case.ts) from
// period ends it has worked out before; the domain core's computeSchedule stays the definition
// (docs/domain.md §3 cooling-off period, §11 visit mode): both must agree on every case.

const TODAY = '2026-03-20';
/** A calendar where a 2027 holiday moves period ends, beside the bundled data alone. */
const centre = createWorkingCalendar({ '2027': { holidays: ['2027-01-04', '2027-01-05'], workdays: [] } });

function expected(c: PolicyCase, calendar?: typeof centre) {
  const s = computeSchedule(c, { calendar });
  const age = policyholderAge(c);
  const flags: string[] = [];
  if (s.coolingOff === null) flags.push('receipt_not_signed');
  if (s.calendarUncertain) flags.push('calendar_uncertain');
  if (s.visitDeadline !== null && s.visitDeadline < TODAY) flags.push('cooling_off_passed');
  if (age !== null && age >= 60) flags.push('aged_60_plus');
  return {
    eligible: checkEligibility(c).eligible,
    reasons: checkEligibility(c).reasons.map((r) => r.message),
    deadline: s.visitDeadline,
    holderAge: age,
    visitMode: age !== null && age >= 60 ? 'human_phone' : 'phone',
    flags,
  };
}

const signedOn = ['2026-03-06', '2026-09-30', '2026-12-25', '2026-12-31', '2027-01-01', '2031-05-01', '2099-12-28'];
const cases: PolicyCase[] = [
  ...generateCases(400, 11),
  ...signedOn.flatMap((d) => [
    makeCase({ dates: { receiptSigned: d } }),
    makeCase({ dates: { receiptSigned: d }, coolingOffDays: 20 }),
    makeCase({ dates: { receiptSigned: d }, product: { longTermHealth: true } }),
    makeCase({ dates: { receiptSigned: d }, channel: { kind: 'bancassurance', bank: 'B' }, term: { unit: 'years', value: 5 } }),
  ]),
  makeCase({ dates: { receiptSigned: undefined } }),
];

describe('an import assesses a case as the domain core schedules it (docs/domain.md §3, §11)', () => {
  it.each([
    ['the bundled calendar', undefined],
    ['a centre calendar with loaded holidays', centre],
  ])('deadline, flags, eligibility and visit mode equal computeSchedule’s on %s, asked again or not', (_, calendar) => {
    for (let round = 0; round < 2; round++) {
      for (const c of cases) expect(assessCase(c, TODAY, calendar), c.policyNo).toEqual(expected(c, calendar));
    }
  });

  it('the same signing day gives another end on another calendar', () => {
    const c = makeCase({ dates: { receiptSigned: '2026-12-24' } });
    expect(assessCase(c, TODAY).deadline).toBe('2027-01-04');
    expect(assessCase(c, TODAY, centre).deadline).toBe('2027-01-06');
  });
});
