import { callingHoursSchema } from '../../shared/domain/calling-hours';
import { readDeskSettings, writeDeskSettings } from '../store/desk-config-repo';
import type { Store } from '../store/open-store';

/**
 * `HUIFANG_DEMO_CALLING_HOURS=HH:MM-HH:MM`: the calling window a freshly seeded demo centre starts
 * with instead of 09:00–21:00 (e.g. `00:00-24:00` for end-to-end tests and demos that dial at any
 * hour). Only at seeding: an administrator's later change is never overwritten. Returns a readable
 * problem for a value that is not a valid window, and changes nothing then.
 */
export async function applyDemoCallingHours(store: Store, spec: string): Promise<string | null> {
  const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(spec.trim());
  if (!m) return `HUIFANG_DEMO_CALLING_HOURS=${spec} ignored: expected HH:MM-HH:MM`;
  const settings = await readDeskSettings(store);
  const parsed = callingHoursSchema.safeParse({ ...settings.callingHours, start: m[1], end: m[2] });
  if (!parsed.success) {
    return `HUIFANG_DEMO_CALLING_HOURS=${spec} ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  }
  await writeDeskSettings(store, { ...settings, callingHours: parsed.data });
  return null;
}
