import type { Kysely } from 'kysely';
import { syncError, type SyncError } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';

/**
 * The items QA failed on a call, by its current evaluation outside calibration (a calibration is
 * never shown to the agent). An agent may replay their own call only while this is not empty
 * (README "QA evaluations", the agent's side): to hear what was marked wrong, not to browse.
 */
export async function failedItemsOf(db: Kysely<CenterDatabase>, sessionId: string): Promise<string[]> {
  const row = await db
    .selectFrom('qa_evaluations')
    .select('verdicts')
    .where('session_id', '=', sessionId)
    .where('calibration_id', 'is', null)
    .where('is_current', '=', 1)
    .executeTakeFirst();
  if (!row) return [];
  const verdicts = JSON.parse(row.verdicts) as { itemId: string; verdict: string }[];
  return verdicts.filter((v) => v.verdict === 'fail').map((v) => v.itemId);
}

/**
 * Why an agent may not replay (or see the form of) the call `callAgent` made, given its failed
 * items: only their own call, and only while QA failed items on it. Undefined when allowed.
 */
export function agentReplayRefusal(staffNo: string, callAgent: string, failedItems: readonly string[]): SyncError | undefined {
  if (callAgent !== staffNo) return syncError('forbidden', { zh: '坐席只能调听本人的通话', en: 'an agent may replay only their own calls' });
  if (failedItems.length === 0)
    return syncError('forbidden', { zh: '该通话的质检没有不合格项，坐席不能调听', en: 'agents replay their own calls only where QA failed items' });
  return undefined;
}
