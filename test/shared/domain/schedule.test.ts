import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../shared/domain/calendar';
import { makeCase } from '../../../shared/domain/fixtures';
import { assessVisitTiming, computeSchedule, workOrderDeadline } from '../../../shared/domain/schedule';

const signed = (receiptSigned: string, extra: Parameters<typeof makeCase>[0] = {}) =>
  makeCase({
    ...extra,
    dates: {
      application: '2026-01-02',
      underwriting: '2026-01-05',
      print: '2026-01-05',
      receiptSigned,
      receiptEntered: undefined,
      receiptWrittenOff: undefined,
      ...(extra.dates ?? {}),
    },
  });

describe('cooling-off period (docs/domain.md §3)', () => {
  it('10 days signed on the 2nd end at the end of the 12th: the signing day is not counted', () => {
    const s = computeSchedule(signed('2026-03-02'));
    expect(s.coolingOff).toMatchObject({
      signedOn: '2026-03-02',
      start: '2026-03-03',
      nominalEnd: '2026-03-12',
      end: '2026-03-12',
      days: 10,
      lengthSource: 'default',
      extendedForRestDay: false,
    });
    expect(s.visitDeadline).toBe('2026-03-12');
    expect(s.calendarUncertain).toBe(false);
  });

  it('an end on a weekend moves to the next working day (民法典 第203条)', () => {
    const s = computeSchedule(signed('2026-03-04')); // 3-14 is a Saturday
    expect(s.coolingOff?.nominalEnd).toBe('2026-03-14');
    expect(s.coolingOff?.end).toBe('2026-03-16');
    expect(s.coolingOff?.extendedForRestDay).toBe(true);
  });

  it('an end inside a public holiday moves past the whole holiday (民法典 第203条)', () => {
    expect(computeSchedule(signed('2026-09-21')).coolingOff?.end).toBe('2026-10-08');
  });

  it('an end on an adjusted working Sunday (调休) is not extended', () => {
    const s = computeSchedule(signed('2026-09-10')); // 9-20 Sunday is a working day
    expect(s.coolingOff?.end).toBe('2026-09-20');
    expect(s.coolingOff?.extendedForRestDay).toBe(false);
  });

  it('bank-channel policies over one year get 15 days (保监发〔2014〕3号)', () => {
    const s = computeSchedule(signed('2026-03-02', { channel: { kind: 'bancassurance', bank: '测试银行' } }));
    expect(s.coolingOff).toMatchObject({ days: 15, lengthSource: 'bank_channel_over_one_year', end: '2026-03-17' });
  });

  it('long-term health policies get 15 days (健康保险管理办法 第15条)', () => {
    const s = computeSchedule(signed('2026-03-02', { product: { line: 'health', longTermHealth: true } }));
    expect(s.coolingOff).toMatchObject({ days: 15, lengthSource: 'long_term_health' });
  });

  it("the contract's own period is used when given", () => {
    const s = computeSchedule(signed('2026-03-02', { coolingOffDays: 20 }));
    expect(s.coolingOff).toMatchObject({ days: 20, lengthSource: 'contract', nominalEnd: '2026-03-22', end: '2026-03-23' });
  });

  it('a contract period below the regulatory minimum is raised to it by default, and kept when configured so', () => {
    const c = signed('2026-03-02', { coolingOffDays: 10, channel: { kind: 'bancassurance', bank: '测试银行' } });
    expect(computeSchedule(c).coolingOff).toMatchObject({ days: 15, lengthSource: 'bank_channel_over_one_year' });
    expect(computeSchedule(c, { coolingOff: { enforceMinimum: false } }).coolingOff).toMatchObject({ days: 10, lengthSource: 'contract' });
  });

  it('defaults are configurable', () => {
    expect(computeSchedule(signed('2026-03-02'), { coolingOff: { defaultDays: 12 } }).coolingOff?.days).toBe(12);
  });

  it('no cooling-off and no deadline while the receipt is not signed', () => {
    const s = computeSchedule(makeCase({ dates: { receiptSigned: undefined, receiptEntered: undefined, receiptWrittenOff: undefined } }));
    expect(s.coolingOff).toBeNull();
    expect(s.visitDeadline).toBeNull();
  });
});

describe('calendar-uncertain schedules are flagged, never silent (chinese-days ends 2026)', () => {
  it('an end on 1 January 2027 is a statutory holiday, moved, and flagged uncertain', () => {
    const s = computeSchedule(signed('2026-12-22'));
    expect(s.coolingOff?.nominalEnd).toBe('2027-01-01');
    expect(s.coolingOff?.end).toBe('2027-01-04');
    expect(s).toMatchObject({ calendarUncertain: true, uncertainYears: [2027] });
  });

  it('a 2026 end is certain; loading 2027 into the override table makes 2027 certain', () => {
    expect(computeSchedule(signed('2026-12-18')).calendarUncertain).toBe(false);
    const calendar = createWorkingCalendar({ '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] } });
    const s = computeSchedule(signed('2026-12-22'), { calendar });
    expect(s.calendarUncertain).toBe(false);
    expect(s.coolingOff?.end).toBe('2027-01-04');
  });
});

describe('list extraction per channel (docs/domain.md §3)', () => {
  const c = makeCase({
    channel: { kind: 'bancassurance', bank: '测试银行' },
    dates: {
      application: '2026-03-02',
      underwriting: '2026-03-03',
      print: '2026-03-04',
      receiptSigned: '2026-03-06',
      receiptEntered: '2026-03-20',
      receiptWrittenOff: '2026-03-21',
    },
  });

  it('bancassurance: the day after underwriting (银保通承保次日)', () => {
    expect(computeSchedule(c).listExtraction).toMatchObject({ date: '2026-03-04', strategy: 'day_after_underwriting' });
  });

  it('receipt entry + 1 unless later than print + 7', () => {
    const cfg = { extraction: { bancassurance: 'receipt_entry_capped_by_print' as const } };
    expect(computeSchedule(c, cfg).listExtraction.date).toBe('2026-03-11');
    const early = makeCase({ ...c, dates: { ...c.dates, receiptEntered: '2026-03-08' } });
    expect(computeSchedule(early, cfg).listExtraction.date).toBe('2026-03-09');
  });

  it('other channels: the day after receipt write-off, or underwriting + 15 without a receipt', () => {
    const agency = makeCase({ dates: { underwriting: '2026-03-03', receiptWrittenOff: '2026-03-09' } });
    expect(computeSchedule(agency).listExtraction).toMatchObject({ date: '2026-03-10', strategy: 'day_after_write_off_or_15_after_underwriting' });
    const noReceipt = makeCase({ dates: { underwriting: '2026-03-03', receiptSigned: undefined, receiptEntered: undefined, receiptWrittenOff: undefined } });
    expect(computeSchedule(noReceipt).listExtraction.date).toBe('2026-03-18');
  });

  it('alternative readings: 10 days after issue; the write-off day itself', () => {
    const agency = makeCase({ dates: { underwriting: '2026-03-03', receiptWrittenOff: '2026-03-09' } });
    expect(computeSchedule(agency, { extraction: { agency: 'ten_days_after_issue' } }).listExtraction.date).toBe('2026-03-13');
    expect(computeSchedule(agency, { extraction: { agency: 'write_off_day' } }).listExtraction.date).toBe('2026-03-09');
  });
});

describe('visit timing against the cooling-off period (docs/domain.md §3)', () => {
  const s = computeSchedule(signed('2026-03-02')); // period 03-03 … 03-12

  it('a visit inside the period, first and last day included, is valid', () => {
    expect(assessVisitTiming(s, '2026-03-03')).toEqual({ timing: 'inside' });
    expect(assessVisitTiming(s, '2026-03-12')).toEqual({ timing: 'inside' });
  });

  it('a visit before the period (the signing day included) must be repeated inside it', () => {
    expect(assessVisitTiming(s, '2026-03-02')).toEqual({ timing: 'before', repeatVisitNeeded: true, repeatWindow: { from: '2026-03-03', to: '2026-03-12' } });
    const unsigned = computeSchedule(makeCase({ dates: { receiptSigned: undefined, receiptEntered: undefined, receiptWrittenOff: undefined } }));
    expect(assessVisitTiming(unsigned, '2026-03-10')).toMatchObject({ timing: 'before', repeatWindow: null });
  });

  it('a visit after the period carries the 7-day surrender-as-cancellation flag with its end date', () => {
    expect(assessVisitTiming(s, '2026-03-13')).toEqual({
      timing: 'after',
      surrenderAsCancellation: { from: '2026-03-14', until: '2026-03-20', days: 7 },
    });
  });
});

describe('work-order deadlines in working days (docs/domain.md §7, 基本服务规定 第18条)', () => {
  it('1, 3 and 15 working days', () => {
    expect(workOrderDeadline('2026-03-06', 'unsuccessful_handover').due).toBe('2026-03-09'); // Fri → Mon
    expect(workOrderDeadline('2026-03-06', 'verification_contact').due).toBe('2026-03-11');
    expect(workOrderDeadline('2026-03-06', 'problem_explanation').due).toBe('2026-03-11');
    expect(workOrderDeadline('2026-03-06', 'mis_selling_resolution').due).toBe('2026-03-27');
  });

  it('skips public holidays and counts adjusted working days', () => {
    expect(workOrderDeadline('2026-09-30', 'verification_contact').due).toBe('2026-10-10');
  });

  it('a deadline reaching into a year without data is flagged', () => {
    expect(workOrderDeadline('2026-12-20', 'mis_selling_resolution')).toMatchObject({ calendarUncertain: true, uncertainYears: [2027] });
  });
});
