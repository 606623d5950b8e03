import type { HuifangDb } from './huifang-db';
import { newId } from './new-id';

/** This workstation's stable id (sent with session events), created once per cache. */
export async function workstationId(db: HuifangDb): Promise<string> {
  const row = await db.settings.get('workstationId');
  if (row && typeof row.value === 'string') return row.value;
  const id = newId();
  await db.settings.put({ key: 'workstationId', value: id });
  return id;
}
