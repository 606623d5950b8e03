import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ResultFlagRow, resultFlagsQuerySchema } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';

/** The listing's filters; `team` null = every team. */
export type ResultFlagFilter = Omit<z.output<typeof resultFlagsQuerySchema>, 'team'> & { readonly team: string | null };

/** Result flags, newest first (README "Result checks"). */
export async function listResultFlags(db: Kysely<CenterDatabase>, f: ResultFlagFilter): Promise<ResultFlagRow[]> {
  let q = db.selectFrom('result_flags').selectAll();
  if (f.team !== null) q = q.where('team', '=', f.team);
  if (f.agent) q = q.where('agent_id', '=', f.agent);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.policy) q = q.where('policy_no', '=', f.policy);
  if (f.state === 'open') q = q.where('resolved_at', 'is', null);
  else if (f.state === 'resolved') q = q.where('resolved_at', 'is not', null);
  const rows = await q.orderBy('raised_at', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    resultItemId: r.result_item_id,
    policyNo: r.policy_no,
    agentId: r.agent_id,
    team: r.team,
    sessionId: r.session_id,
    kind: r.kind as ResultFlagRow['kind'],
    detail: r.detail,
    raisedAt: r.raised_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  }));
}
