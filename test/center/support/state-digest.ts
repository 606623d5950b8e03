import { createHash } from 'node:crypto';
import type { Store } from '../../../center/store/open-store';

/**
 * A hash over every domain table (cases, assignments, changes, pushed items, users, imports, work orders,
 * callbacks, phone corrections),
 * to show that a refused request changed nothing. The audit log is left out on purpose: refused
 * sign-ins are audited by design.
 */
export async function stateDigest(store: Store): Promise<string> {
  const h = createHash('sha256');
  const db = store.db;
  h.update(JSON.stringify(await db.selectFrom('cases').selectAll().orderBy('policy_no').execute()));
  h.update(JSON.stringify(await db.selectFrom('assignments').selectAll().orderBy('id').execute()));
  h.update(JSON.stringify(await db.selectFrom('changes').selectAll().orderBy('seq').execute()));
  h.update(JSON.stringify(await db.selectFrom('sync_items').selectAll().orderBy('id').execute()));
  h.update(JSON.stringify(await db.selectFrom('users').selectAll().orderBy('staff_no').execute()));
  h.update(JSON.stringify(await db.selectFrom('import_batches').selectAll().orderBy('id').execute()));
  h.update(JSON.stringify(await db.selectFrom('work_orders').selectAll().orderBy('id').execute()));
  h.update(JSON.stringify(await db.selectFrom('callbacks').selectAll().orderBy('id').execute()));
  h.update(JSON.stringify(await db.selectFrom('phone_corrections').selectAll().orderBy('id').execute()));
  return h.digest('hex');
}
