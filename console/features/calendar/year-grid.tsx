import type { HolidaySchedule } from '../../../shared/domain/calendar/holiday-schedule';
import { Space, Tag, Typography } from 'antd';
import { calendarText as t } from '../../i18n/calendar';

const pad = (n: number) => String(n).padStart(2, '0');
const HOLIDAY_BG = '#ffccc7';
const WORKDAY_BG = '#d6e4ff';

function Month({ year, month, holidays, workdays }: { year: number; month: number; holidays: ReadonlyMap<string, string>; workdays: ReadonlySet<string> }) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Weeks start on Monday, as Chinese calendars print them.
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <table aria-label={t.monthName(month)} style={{ borderCollapse: 'collapse', fontSize: 12, textAlign: 'center' }}>
      <caption style={{ fontWeight: 600 }}>{t.monthName(month)}</caption>
      <thead>
        <tr>
          {t.weekdays.map((d) => (
            <th key={d} style={{ width: 26 }}>
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, i) => {
              if (day === null) return <td key={i} />;
              const date = `${year}-${pad(month)}-${pad(day)}`;
              const holiday = holidays.get(date);
              const workday = workdays.has(date);
              return (
                <td
                  key={i}
                  data-date={date}
                  data-kind={holiday ? 'holiday' : workday ? 'workday' : undefined}
                  title={holiday ?? (workday ? t.legendWorkday : undefined)}
                  style={{ background: holiday ? HOLIDAY_BG : workday ? WORKDAY_BG : undefined, padding: 2 }}
                >
                  {day}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The checked year on twelve month sheets: rest days and adjusted working days marked, to compare with the notice. */
export function YearGrid({ schedule }: { schedule: HolidaySchedule }) {
  const holidays = new Map(schedule.holidays.flatMap((h) => h.days.map((d) => [d, h.name] as const)));
  const workdays = new Set(schedule.workdays);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Tag color={HOLIDAY_BG} style={{ color: '#000' }}>
          {t.legendHoliday}
        </Tag>
        <Tag color={WORKDAY_BG} style={{ color: '#000' }}>
          {t.legendWorkday}
        </Tag>
      </Space>
      <ul style={{ margin: 0 }}>
        {schedule.holidays.map((h) => (
          <li key={h.name}>
            <Typography.Text>{t.holidayBlock(h.name, h.days[0] ?? '', h.days[h.days.length - 1] ?? '', h.days.length)}</Typography.Text>
          </li>
        ))}
        {schedule.workdays.length > 0 && <li>{t.workdayList(schedule.workdays)}</li>}
      </ul>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
        {Array.from({ length: 12 }, (_, i) => (
          <Month key={i} year={schedule.year} month={i + 1} holidays={holidays} workdays={workdays} />
        ))}
      </div>
    </Space>
  );
}
