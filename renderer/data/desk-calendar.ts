import { useMemo } from 'react';
import { createWorkingCalendar, isIsoDate, yearOf, type WorkingCalendar } from '../../shared/domain';
import type { DeskConfig } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import { useSetting } from './live-queries';
import { readSetting } from './settings-repo';

/*
 * The desk's working calendar: the bundled official data plus the holiday years the centre loaded
 * (cached with the desk settings, so it holds offline). A date in a year neither knows rests on a
 * guess (weekends and statutory holidays only) and is shown as uncertain.
 */

let last: { key: string; calendar: WorkingCalendar } | null = null;

/** A calendar over the loaded years, reusing the last one built for the same years. */
export function deskCalendarOf(years: DeskConfig['calendarYears'] | undefined): WorkingCalendar {
  const key = JSON.stringify(years ?? {});
  if (last?.key !== key) last = { key, calendar: createWorkingCalendar(years ?? {}) };
  return last.calendar;
}

/** The desk's calendar as cached now. */
export async function readDeskCalendar(db: HuifangDb): Promise<WorkingCalendar> {
  return deskCalendarOf(await readSetting(db, 'calendarYears'));
}

/** The desk's calendar, live (follows a refresh of the desk settings). */
export function useDeskCalendar(db: HuifangDb): WorkingCalendar {
  const years = useSetting(db, 'calendarYears');
  return useMemo(() => deskCalendarOf(years), [years]);
}

/**
 * True when a deadline (ISO date, or time) rests on a year without official holiday data. A
 * deadline is never before the day it was counted to, so its own year is the one that decides it
 * (a period ending on 31 December moved off a rest day lands in the next year, and is then uncertain).
 */
export function deadlineUncertain(deadline: string | null | undefined, calendar: WorkingCalendar): boolean {
  if (!deadline) return false;
  const day = deadline.slice(0, 10);
  return isIsoDate(day) && !calendar.hasOfficialData(yearOf(day));
}
