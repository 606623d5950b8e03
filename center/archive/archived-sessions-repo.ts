import type { Kysely } from 'kysely';
import type { ArchivedSessionRow } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import { toNum } from '../store/to-num';

/** Filters of the archive listing; `team` null = every team. Times are inclusive ISO bounds on `createdAt`. */
export interface ArchiveListFilter {
  readonly team: string | null;
  readonly agent?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
}

/** Archived sessions, newest call first: the listing columns only (the sealed record stays sealed). */
export async function listArchivedSessions(db: Kysely<CenterDatabase>, f: ArchiveListFilter): Promise<ArchivedSessionRow[]> {
  let q = db
    .selectFrom('archived_sessions')
    .select(['session_id', 'agent_id', 'case_id', 'team', 'created_at', 'ended_at', 'outcome', 'kinds', 'recording_sha256', 'recording_bytes', 'archived_at']);
  if (f.team !== null) q = q.where('team', '=', f.team);
  if (f.agent) q = q.where('agent_id', '=', f.agent);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<=', f.to);
  const rows = await q.orderBy('created_at', 'desc').orderBy('session_id').limit(f.limit).execute();
  return rows.map((r) => ({
    sessionId: r.session_id,
    agentId: r.agent_id,
    caseId: r.case_id,
    team: r.team,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    kinds: JSON.parse(r.kinds) as string[],
    recordingSha256: r.recording_sha256,
    recordingBytes: r.recording_bytes === null ? null : toNum(r.recording_bytes),
    archivedAt: r.archived_at,
  }));
}
