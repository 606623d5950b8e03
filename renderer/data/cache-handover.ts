import type { HuifangDb } from './huifang-db';
import { readSetting, writeSetting } from './settings-repo';

/**
 * Makes the cache this agent's at sign-in: when another agent signed in here last, their cases
 * and queue are dropped and the next pull is a snapshot. Their unsent results stay in the outbox,
 * theirs to push. Returns whether the cache changed hands.
 */
export async function handOverCache(db: HuifangDb, staffNo: string): Promise<boolean> {
  const last = await readSetting(db, 'lastStaffNo');
  if (last === staffNo) return false;
  await db.transaction('rw', [db.cases, db.queue, db.settings], async () => {
    await db.cases.clear();
    await db.queue.clear();
    await writeSetting(db, 'syncCursor', null);
    await writeSetting(db, 'lastStaffNo', staffNo);
  });
  return true;
}
