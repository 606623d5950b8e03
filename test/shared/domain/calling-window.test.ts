import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../shared/domain/calendar';
import { callingHoursSchema, DEFAULT_CALLING_HOURS, type CallingHours } from '../../../shared/domain/calling-hours';
import { CALLBACK_TOLERANCE_MINUTES, callingVerdict } from '../../../shared/domain/calling-window';

// Calling hours: the default 09:00–21:00 is the window the 2013 rules for telephone sales of life
// insurance allow (保监发〔2013〕40号 bars calls 21:00–09:00 unless the customer booked the time;
// README → Configuration). A visit (docs/domain.md §4, phone first) is a service call with no
// statutory window, so regions and quiet days are the centre's settings.

const beijing = (local: string) => new Date(`${local}+08:00`);
const mainland = { branchCode: '8611' };

function hours(patch: Partial<CallingHours> = {}): CallingHours {
  return callingHoursSchema.parse({ ...DEFAULT_CALLING_HOURS, ...patch });
}

describe('the default window is 09:00–21:00 Beijing time, half open (保监发〔2013〕40号)', () => {
  it.each([
    ['2026-12-02T08:59', false],
    ['2026-12-02T09:00', true],
    ['2026-12-02T20:59', true],
    ['2026-12-02T21:00', false],
  ])('at %s local the dial is allowed: %s', (local, allowed) => {
    expect(callingVerdict(DEFAULT_CALLING_HOURS, mainland, beijing(local)).allowed).toBe(allowed);
  });

  it('08:59 is refused as before the hours and opens at 09:00 the same day', () => {
    const v = callingVerdict(DEFAULT_CALLING_HOURS, mainland, beijing('2026-12-02T08:59'));
    expect(v).toMatchObject({ allowed: false, reason: { code: 'before_hours', localDate: '2026-12-02', localTime: '08:59' } });
    expect(!v.allowed && v.opensAt.toISOString()).toBe(beijing('2026-12-02T09:00').toISOString());
  });

  it('21:00 is refused as after the hours and opens at 09:00 the next day (Asia/Shanghai has no daylight saving)', () => {
    const v = callingVerdict(DEFAULT_CALLING_HOURS, mainland, beijing('2026-12-02T21:00'));
    expect(v).toMatchObject({ allowed: false, reason: { code: 'after_hours', rules: { timeZone: 'Asia/Shanghai', region: null } } });
    expect(!v.allowed && v.opensAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
  });

  it('the verdict is the policyholder’s local time, not the instant’s UTC date: 00:30 Beijing is the next day', () => {
    const v = callingVerdict(DEFAULT_CALLING_HOURS, mainland, new Date('2026-12-02T16:30:00Z'));
    expect(v).toMatchObject({ allowed: false, reason: { localDate: '2026-12-03', localTime: '00:30' } });
    expect(!v.allowed && v.opensAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
  });
});

describe('quiet days are skipped to the next open day', () => {
  it('Sunday quiet: Saturday 21:30 opens on Monday 09:00', () => {
    // 2026-12-05 is a Saturday.
    const v = callingVerdict(hours({ quietWeekdays: [0] }), mainland, beijing('2026-12-05T21:30'));
    expect(!v.allowed && v.opensAt.toISOString()).toBe(beijing('2026-12-07T09:00').toISOString());
  });

  it('a quiet date refuses the whole day, inside the hours too, and says so', () => {
    const v = callingVerdict(hours({ quietDates: ['2026-12-02', '2026-12-03'] }), mainland, beijing('2026-12-02T10:00'));
    expect(v).toMatchObject({ allowed: false, reason: { code: 'quiet_date' } });
    expect(!v.allowed && v.opensAt.toISOString()).toBe(beijing('2026-12-04T09:00').toISOString());
  });

  it('public holidays from the working calendar: New Year 2026 (1–3 January off, Sunday 4th worked) opens on the 4th', () => {
    const calendar = createWorkingCalendar();
    const h = hours({ quietOnPublicHolidays: true });
    const eve = callingVerdict(h, mainland, beijing('2025-12-31T21:30'), { calendar });
    expect(!eve.allowed && eve.opensAt.toISOString()).toBe(beijing('2026-01-04T09:00').toISOString());
    expect(callingVerdict(h, mainland, beijing('2026-01-02T10:00'), { calendar })).toMatchObject({ allowed: false, reason: { code: 'public_holiday' } });
    // Without the setting a holiday is an ordinary day.
    expect(callingVerdict(DEFAULT_CALLING_HOURS, mainland, beijing('2026-01-02T10:00'), { calendar }).allowed).toBe(true);
  });
});

describe('regions: by the selling branch’s code, and by the number dialled', () => {
  const withRegions = hours({
    regions: [
      { id: 'xinjiang', name: '新疆', branchPrefixes: ['8665'], phonePrefixes: [], start: '10:00', end: '22:00' },
      { id: 'uk', name: '英国', branchPrefixes: [], phonePrefixes: ['+44'], timeZone: 'Europe/London' },
    ],
  });

  it('Xinjiang hours 10:00–22:00 (Beijing time): 21:30 allowed there, refused for a Beijing branch; 09:30 opens at 10:00', () => {
    expect(callingVerdict(withRegions, { branchCode: '866501' }, beijing('2026-12-02T21:30'))).toMatchObject({ allowed: true, rules: { region: '新疆' } });
    expect(callingVerdict(withRegions, { branchCode: '861101' }, beijing('2026-12-02T21:30')).allowed).toBe(false);
    const early = callingVerdict(withRegions, { branchCode: '866501' }, beijing('2026-12-02T09:30'));
    expect(!early.allowed && early.opensAt.toISOString()).toBe(beijing('2026-12-02T10:00').toISOString());
  });

  it('a number with an overseas prefix follows that zone whatever the branch, across a daylight-saving change (Europe/London)', () => {
    const number = '+44 20 7946 0000';
    // Saturday 27 March 2027, 21:30 GMT; the clocks go forward that night, so 09:00 BST is 08:00 UTC.
    const v = callingVerdict(withRegions, { branchCode: '866501', number }, new Date('2027-03-27T21:30:00Z'));
    expect(v).toMatchObject({ allowed: false, reason: { code: 'after_hours', localTime: '21:30', rules: { region: '英国' } } });
    expect(!v.allowed && v.opensAt.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    // 10:00 Beijing is 02:00 in London (BST): refused for the London number, allowed for a mainland one.
    expect(callingVerdict(withRegions, { branchCode: '8611', number: '0044 20 7946 0000' }, beijing('2027-04-01T10:00')).allowed).toBe(false);
    expect(callingVerdict(withRegions, { branchCode: '8611', number: '13900002004' }, beijing('2027-04-01T10:00')).allowed).toBe(true);
  });
});

describe('a time the policyholder booked as a callback may be called outside the window (保监发〔2013〕40号: at the customer’s request)', () => {
  it(`allowed and marked byCallback within ${CALLBACK_TOLERANCE_MINUTES} minutes of the booked time; refused beyond`, () => {
    const now = beijing('2026-12-02T21:30');
    expect(callingVerdict(DEFAULT_CALLING_HOURS, mainland, now, { bookedCallbacks: [beijing('2026-12-02T21:45').toISOString()] })).toMatchObject({
      allowed: true,
      byCallback: true,
    });
    expect(callingVerdict(DEFAULT_CALLING_HOURS, mainland, now, { bookedCallbacks: [beijing('2026-12-02T22:01').toISOString()] }).allowed).toBe(false);
  });

  it('inside the window a booked callback changes nothing (no log)', () => {
    const now = beijing('2026-12-02T10:00');
    expect(callingVerdict(DEFAULT_CALLING_HOURS, mainland, now, { bookedCallbacks: [now.toISOString()] })).not.toHaveProperty('byCallback');
  });
});

describe('bad settings are refused with a clear error in English and Chinese', () => {
  const problems = (input: unknown) => {
    const r = callingHoursSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('end before start, a bad time, an unknown zone, every weekday quiet', () => {
    expect(problems({ ...DEFAULT_CALLING_HOURS, start: '21:00', end: '09:00' })).toEqual([
      'end: end 09:00 is not after start 21:00 · 结束时间 09:00 须晚于开始时间 21:00',
    ]);
    expect(problems({ ...DEFAULT_CALLING_HOURS, start: '9:00' })[0]).toMatch(/^start: .*HH:MM.*时间格式/);
    expect(problems({ ...DEFAULT_CALLING_HOURS, end: '24:01' })[0]).toMatch(/^end: /);
    expect(problems({ ...DEFAULT_CALLING_HOURS, timeZone: 'Asia/Beijing' })).toEqual([
      'timeZone: an unknown time zone; use an IANA id such as Asia/Shanghai · 未知时区，请使用 IANA 时区名，如 Asia/Shanghai',
    ]);
    expect(problems({ ...DEFAULT_CALLING_HOURS, quietWeekdays: [0, 1, 2, 3, 4, 5, 6] })[0]).toMatch(/至少保留一天可拨打/);
  });

  it('a region whose own window ends before the centre-wide start, a duplicate id, a region matching nothing', () => {
    const region = { id: 'xj', name: '新疆', branchPrefixes: ['8665'], end: '08:00' };
    expect(problems({ ...DEFAULT_CALLING_HOURS, regions: [region] })).toEqual([
      'regions.0.end: end 08:00 is not after start 09:00 · 结束时间 08:00 须晚于开始时间 09:00',
    ]);
    const ok = { id: 'xj', name: '新疆', branchPrefixes: ['8665'] };
    expect(problems({ ...DEFAULT_CALLING_HOURS, regions: [ok, ok] })).toEqual([expect.stringMatching(/^regions\.1\.id: .*重复/)]);
    expect(problems({ ...DEFAULT_CALLING_HOURS, regions: [{ id: 'x', name: 'X' }] })[0]).toMatch(/^regions\.0: /);
  });

  it('24:00 ends the window at midnight: 23:59 is allowed', () => {
    expect(callingVerdict(hours({ start: '00:00', end: '24:00' }), mainland, beijing('2026-12-02T23:59')).allowed).toBe(true);
  });
});
