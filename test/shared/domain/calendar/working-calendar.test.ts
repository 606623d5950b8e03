import chineseDays from 'chinese-days';
import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  createWorkingCalendar,
  hasOfficialData,
  isWorkingDay,
  lunarFestivals,
  LUNAR_TABLE_RANGE,
  nextWorkingDayOnOrAfter,
  parseCalendarOverrides,
  qingming,
  statutoryHolidays,
  weekday,
} from '../../../../shared/domain/calendar';

describe('China working-day calendar (docs/domain.md §3: official calendar with 调休)', () => {
  it('a weekend is a rest day and a plain weekday a working day', () => {
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-09')).toBe(true); // Monday
  });

  it('an adjusted working Saturday (调休上班) is a working day', () => {
    expect(isWorkingDay('2026-02-28')).toBe(true); // Saturday worked after Spring Festival 2026
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday worked before National Day 2025
  });

  it('weekdays taken off in lieu are rest days', () => {
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2025-10-08')).toBe(false);
  });

  it('counts working days across the National Day week (work-order deadlines, docs/domain.md §7)', () => {
    // 2026-09-30 Wed → 10-01..07 off → 10-08 Thu, 10-09 Fri, 10-10 Sat (adjusted working day)
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
    expect(() => addWorkingDays('2026-09-30', -1)).toThrow(RangeError);
  });

  it('the next working day on or after a holiday skips the whole holiday (Civil Code 第203条)', () => {
    expect(nextWorkingDayOnOrAfter('2026-02-15')).toBe('2026-02-24');
    expect(nextWorkingDayOnOrAfter('2026-03-09')).toBe('2026-03-09');
  });
});

describe('years without official data are never computed silently (chinese-days covers 2004–2026)', () => {
  it('2026 has official data and 2027 does not', () => {
    expect(hasOfficialData(2026)).toBe(true);
    expect(hasOfficialData(2004)).toBe(true);
    expect(hasOfficialData(2027)).toBe(false);
    expect(hasOfficialData(2003)).toBe(false);
  });

  it('the package alone would call 1 January 2027 a working day; the calendar does not', () => {
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true); // the trap this guards against
    expect(isWorkingDay('2027-01-01')).toBe(false);
  });

  it('statutory holidays of a year without data are rest days: 1–2 May, 1–3 October, Spring Festival, Qingming, Dragon Boat, Mid-Autumn (全国年节及纪念日放假办法)', () => {
    // all weekdays, which the package alone would call working days
    for (const d of [
      '2027-10-01',
      '2028-10-03',
      '2027-02-05',
      '2027-02-08',
      '2027-04-05',
      '2027-06-09',
      '2027-09-15',
      '2028-05-01',
      '2028-05-02',
      '2035-02-08',
    ]) {
      expect([0, 6], d).not.toContain(weekday(d));
      expect(isWorkingDay(d), d).toBe(false);
    }
    // 初四 and the in-lieu days are set by each year's notice, which is not known yet
    expect(isWorkingDay('2027-02-09')).toBe(true);
  });

  it('uncertain years are reported for any range touching them', () => {
    const cal = createWorkingCalendar();
    expect(cal.uncertainYearsBetween('2026-12-20', '2027-01-05')).toEqual([2027]);
    expect(cal.uncertainYearsBetween('2026-01-01', '2026-12-31')).toEqual([]);
  });
});

describe('override table lets a centre load a new year without a release', () => {
  const table2027 = {
    '2027': { holidays: ['2027-02-09', '2027-02-10', '2027-02-11'], workdays: ['2027-02-20'], source: '测试通知' },
  };

  it('a loaded year counts as official and its listed days apply', () => {
    const parsed = parseCalendarOverrides(table2027);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const cal = createWorkingCalendar(parsed.value);
    expect(cal.hasOfficialData(2027)).toBe(true);
    expect(cal.isWorkingDay('2027-02-09')).toBe(false);
    expect(cal.isWorkingDay('2027-02-20')).toBe(true); // Saturday made a working day
    expect(cal.dayKind('2027-02-20')).toBe('adjusted_workday');
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.uncertainYearsBetween('2027-01-01', '2028-01-01')).toEqual([2028]);
  });

  it('rejects a statutory holiday listed as a working day, and dates outside their year', () => {
    const r = parseCalendarOverrides({ '2027': { holidays: ['2028-01-01'], workdays: ['2027-10-02'] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/2027-10-02 is a statutory holiday/);
    expect(r.problems.join('\n')).toMatch(/2028-01-01 is not in 2027/);
  });
});

describe('statutory holiday rules by their lunar and solar-term dates (全国年节及纪念日放假办法)', () => {
  it('every fixed-rule holiday 2008–2026 is a rest day in the official data', () => {
    for (let y = 2008; y <= 2026; y++) {
      for (const d of statutoryHolidays(y)) {
        const listedRest = Object.hasOwn(officialData.holidays, d);
        const plainWeekend = [0, 6].includes(weekday(d)) && !Object.hasOwn(officialData.workdays, d);
        // (2012-06-23, a Saturday inside 端午 2012, is missing from the package's holiday list)
        expect(listedRest || plainWeekend, d).toBe(true);
      }
    }
  });

  it('2025 rules: 除夕 and 5月2日 became statutory; 2024 rules had neither', () => {
    expect(statutoryHolidays(2026)).toEqual(expect.arrayContaining(['2026-02-16', '2026-05-02']));
    expect(statutoryHolidays(2024)).not.toContain('2024-02-09');
    expect(statutoryHolidays(2024)).not.toContain('2024-05-02');
    expect(statutoryHolidays(2026)).toHaveLength(13);
    expect(statutoryHolidays(2024)).toHaveLength(11);
  });

  it(`the lunar table ${LUNAR_TABLE_RANGE.from}–${LUNAR_TABLE_RANGE.to} agrees with an independent lunar conversion`, () => {
    for (let y = LUNAR_TABLE_RANGE.from; y <= LUNAR_TABLE_RANGE.to; y++) {
      const f = lunarFestivals(y)!;
      for (const [date, mon, day] of [
        [f.springFestival, 1, 1],
        [f.dragonBoat, 5, 5],
        [f.midAutumn, 8, 15],
      ] as const) {
        const l = chineseDays.getLunarDate(date);
        expect([y, l.lunarMon, l.lunarDay, l.isLeap]).toEqual([y, mon, day, false]);
      }
      // and 除夕 is the last day of the previous lunar year
      expect(chineseDays.getLunarDate(addDays(f.springFestival, -1)).lunarMon).toBe(12);
    }
    expect(lunarFestivals(2036)).toBeNull();
  });

  it('Qingming from the formula matches the published solar-term dates 2004–2035', () => {
    // 4 or 5 April, from the almanac (紫金山天文台 tables)
    const fifth = [2005, 2006, 2007, 2010, 2011, 2014, 2015, 2018, 2019, 2022, 2023, 2026, 2027, 2030, 2031, 2034, 2035];
    for (let y = 2004; y <= 2035; y++) {
      expect(qingming(y), String(y)).toBe(`${y}-04-0${fifth.includes(y) ? 5 : 4}`);
    }
  });
});

describe('time zone independence', () => {
  it('results do not depend on the process time zone (package dates are read at local midnight)', () => {
    const cal = createWorkingCalendar();
    expect(cal.isWorkingDay('2026-09-27')).toBe(false); // Mid-Autumn Sunday
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // adjusted working Sunday
  });
});
