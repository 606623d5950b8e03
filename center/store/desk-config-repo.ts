import { DEFAULT_DESK_CONFIG, deskConfigSchema, type DeskConfig } from '../../shared/sync';
import type { Store } from './open-store';
import { getSetting } from './settings-repo';

const KEY = 'desk_config';

/** The desk settings as stored (defaults for a centre where no admin set them, or a stored value that no longer parses). */
export async function readDeskConfig(store: Store): Promise<DeskConfig> {
  const raw = await getSetting(store, KEY);
  if (raw === undefined) return DEFAULT_DESK_CONFIG;
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return DEFAULT_DESK_CONFIG;
  }
  const parsed = deskConfigSchema.safeParse({ ...DEFAULT_DESK_CONFIG, ...(typeof stored === 'object' ? stored : {}) });
  return parsed.success ? parsed.data : DEFAULT_DESK_CONFIG;
}

/** Stores the desk settings (caller validated them). */
export async function writeDeskConfig(store: Store, config: DeskConfig): Promise<void> {
  const value = JSON.stringify(config);
  await store.db.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
