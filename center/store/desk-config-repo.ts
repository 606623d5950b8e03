import { DEFAULT_DESK_SETTINGS, deskSettingsSchema, type DeskConfig, type DeskSettings } from '../../shared/sync';
import { readCalendarOverrides } from '../calendar/calendar-years-repo';
import type { Store } from './open-store';
import { getSetting } from './settings-repo';

const KEY = 'desk_config';

/**
 * The admin's desk settings as stored (defaults for a centre where no admin set them, or a stored
 * value that no longer parses). Settings stored before the calling hours existed read with the
 * default hours; stored hours that no longer parse (a zone the platform dropped) fall back to the
 * default hours without losing the rest.
 */
export async function readDeskSettings(store: Store): Promise<DeskSettings> {
  const raw = await getSetting(store, KEY);
  if (raw === undefined) return DEFAULT_DESK_SETTINGS;
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return DEFAULT_DESK_SETTINGS;
  }
  const merged = { ...DEFAULT_DESK_SETTINGS, ...(typeof stored === 'object' ? stored : {}) };
  const parsed = deskSettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const withDefaultHours = deskSettingsSchema.safeParse({ ...merged, callingHours: DEFAULT_DESK_SETTINGS.callingHours });
  return withDefaultHours.success ? withDefaultHours.data : DEFAULT_DESK_SETTINGS;
}

/** What desks receive: the settings plus the loaded holiday schedules (their calendar needs them). */
export async function readDeskConfig(store: Store): Promise<DeskConfig> {
  return { ...(await readDeskSettings(store)), calendarYears: await readCalendarOverrides(store) };
}

/** Stores the desk settings (caller validated them). */
export async function writeDeskSettings(store: Store, settings: DeskSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await store.db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
