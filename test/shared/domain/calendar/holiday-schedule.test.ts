import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, parseHolidaySchedule, scheduleToOverride, type HolidayScheduleResult } from '../../../../shared/domain/calendar';

const good = {
  year: 2027,
  source: '测试通知',
  holidays: [
    { name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    { name: '春节', days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'] },
  ],
  workdays: ['2027-02-20'],
};
const codes = (r: HolidayScheduleResult) => (r.ok ? [] : r.errors.map((e) => e.code));
const at = (r: HolidayScheduleResult) => (r.ok ? [] : r.errors.map((e) => e.path));

describe('a year\'s holiday schedule file (State Council notice, README "Holiday schedules")', () => {
  it("a well-formed file parses into a year of the calendar's override table", () => {
    const r = parseHolidaySchedule(JSON.stringify(good));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const calendar = createWorkingCalendar({ '2027': scheduleToOverride(r.value) });
    expect([calendar.hasOfficialData(2027), calendar.isWorkingDay('2027-02-09'), calendar.dayKind('2027-02-20')]).toEqual([true, false, 'adjusted_workday']);
  });

  it('the example file shipped with the centre is valid and lists every statutory holiday (全国年节及纪念日放假办法)', () => {
    const r = parseHolidaySchedule(readFileSync(new URL('../../../../center/demo/holidays-2027.example.json', import.meta.url), 'utf8'));
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('an empty file is refused as empty, not as bad JSON', () => {
    expect(codes(parseHolidaySchedule(''))).toEqual(['empty']);
    expect(codes(parseHolidaySchedule('  \n'))).toEqual(['empty']);
    expect(codes(parseHolidaySchedule(null))).toEqual(['empty']);
  });

  it('text that is not JSON, or JSON that is not an object, is refused', () => {
    expect(codes(parseHolidaySchedule('{"year": 2027,'))).toEqual(['not_json']);
    expect(codes(parseHolidaySchedule('[]'))).toEqual(['not_an_object']);
  });

  it('a missing year is refused as missing', () => {
    const { year: _, ...noYear } = good;
    expect(codes(parseHolidaySchedule(noYear))).toEqual(['missing_year']);
  });

  it('a year that is not a whole 21st-century number, or not the year asked for, is refused as wrong', () => {
    expect(codes(parseHolidaySchedule({ ...good, year: '2027' }))).toEqual(['wrong_year']);
    expect(codes(parseHolidaySchedule({ ...good, year: 1999 }))).toEqual(['wrong_year']);
    expect(codes(parseHolidaySchedule(good, 2028))).toEqual(['wrong_year']);
    expect(parseHolidaySchedule(good, 2027).ok).toBe(true);
  });

  it('a malformed date (wrong form or no such day) is refused where it stands', () => {
    const r = parseHolidaySchedule({ ...good, holidays: [{ name: '春节', days: ['2027-2-6', '2027-02-30'] }], workdays: [20270220] });
    expect(codes(r)).toEqual(['malformed_date', 'malformed_date', 'malformed_date']);
    expect(at(r)).toEqual(['holidays[0].days[0]', 'holidays[0].days[1]', 'workdays[0]']);
  });

  it("a date outside the file's year is refused", () => {
    const r = parseHolidaySchedule({ ...good, holidays: [{ name: '元旦', days: ['2026-12-31', '2027-01-01'] }] });
    expect(codes(r)).toEqual(['date_outside_year']);
    expect(r.ok ? null : r.errors[0]).toMatchObject({ path: 'holidays[0].days[0]', date: '2026-12-31' });
  });

  it('a date listed twice is refused, within a block, across blocks and among the working days', () => {
    expect(codes(parseHolidaySchedule({ ...good, holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-01'] }] }))).toEqual(['duplicate_date']);
    expect(codes(parseHolidaySchedule({ ...good, holidays: [...good.holidays, { name: '又一个', days: ['2027-02-08'] }] }))).toEqual(['duplicate_date']);
    expect(codes(parseHolidaySchedule({ ...good, workdays: ['2027-02-20', '2027-02-20'] }))).toEqual(['duplicate_date']);
  });

  it('a day listed both as rest day and as working day is refused', () => {
    expect(codes(parseHolidaySchedule({ ...good, workdays: ['2027-01-02'] }))).toEqual(['holiday_and_workday']);
  });

  it('a working day on a statutory holiday is refused: 1 October can never be worked in lieu', () => {
    const r = parseHolidaySchedule({ ...good, workdays: ['2027-10-01'] });
    expect(codes(r)).toEqual(['workday_on_statutory_holiday']);
    expect(r.ok ? null : r.errors[0].message.zh).toContain('法定节假日');
  });

  it('missing or misshapen lists and unknown fields are refused with the field named', () => {
    const r = parseHolidaySchedule({ year: 2027, holidays: [{ days: ['2027-01-01'] }], extra: 1 });
    expect(codes(r).sort()).toEqual(['bad_field', 'bad_field', 'bad_field']);
    expect(at(r).sort()).toEqual(['extra', 'holidays[0]', 'workdays']);
  });

  it('statutory holidays left out and weekday "working days" pass with warnings (the calendar rests on them anyway)', () => {
    const r = parseHolidaySchedule({ year: 2027, holidays: [], workdays: ['2027-02-10'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new Set(r.warnings.map((w) => w.code))).toEqual(new Set(['workday_not_weekend', 'statutory_holiday_not_listed']));
    expect(r.warnings.filter((w) => w.code === 'statutory_holiday_not_listed').map((w) => w.date)).toContain('2027-02-05');
  });
});
