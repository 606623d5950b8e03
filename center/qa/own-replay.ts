import type { Kysely } from 'kysely';
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
