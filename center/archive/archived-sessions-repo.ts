import type { Kysely, Selectable } from 'kysely';
import type { ArchiveListQuery, ArchivedSessionRow } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { ArchivedSessionsTable } from '../store/db-schema-archive';
import { toNum } from '../store/to-num';
import { anyHold, centreHeld } from './holds-disputes-repo';

/** Filters of the archive listing; `team` null = every team. Times are inclusive ISO bounds on `createdAt`. */
export interface ArchiveListFilter extends Omit<ArchiveListQuery, 'team' | 'limit' | 'from' | 'to'> {
  readonly team: string | null;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
}

const COLUMNS = [
  'session_id',
  'agent_id',
  'case_id',
  'team',
  'created_at',
  'ended_at',
  'outcome',
  'kinds',
  'recording_sha256',
  'recording_bytes',
  'archived_at',
  'recording_state',
  'recovered',
  'gap_count',
  'legal_hold',
  'contract_end',
  'retain_until',
  'retention_basis',
  'purged_at',
  'purge_reason',
] as const;

/** Archived sessions, newest call first: the listing columns only (the sealed record stays sealed). */
export async function listArchivedSessions(db: Kysely<CenterDatabase>, f: ArchiveListFilter): Promise<ArchivedSessionRow[]> {
  let q = db.selectFrom('archived_sessions').select((eb) => [...COLUMNS, centreHeld(eb).as('centre_hold')]);
  if (f.team !== null) q = q.where('team', '=', f.team);
  if (f.agent) q = q.where('agent_id', '=', f.agent);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<=', f.to);
  if (f.policy) q = q.where('case_id', '=', f.policy);
  // The same categories as the desk's replay filter (renderer/features/review/review-store.ts).
  if (f.result === 'none') q = q.where('outcome', 'is', null);
  else if (f.result === 'unfinished')
    q = q.where((eb) => eb.or([eb('outcome', '=', 'not_counted'), eb('outcome', 'like', 'unreached:%'), eb('outcome', 'like', 'interim:%')]));
  else if (f.result) q = q.where('outcome', '=', f.result);
  // `kinds` is a JSON array of [a-z0-9_] codes (validated): the quoted code is a whole element.
  if (f.kind) q = q.where('kinds', 'like', `%"${f.kind}"%`);
  if (f.recording === 'gaps') q = q.where('gap_count', '>', 0);
  else if (f.recording === 'recovered') q = q.where('recovered', '=', 1);
  else if (f.recording === 'recording_failed') q = q.where('recording_state', '=', 'failed');
  else if (f.recording === 'no_recording') q = q.where('recording_state', '=', 'none');
  // The desk's hold at archive time or the centre's hold now (README "Evidence archive" → Retention).
  if (f.hold === 'true') q = q.where((eb) => anyHold(eb));
  else if (f.hold === 'false') q = q.where((eb) => eb.not(anyHold(eb)));
  if (f.redFlag)
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('cases').select('policy_no').whereRef('cases.policy_no', '=', 'archived_sessions.case_id').where('cases.flags', '<>', '[]')),
    );
  if (f.flagged)
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('result_flags').select('id').whereRef('result_flags.session_id', '=', 'archived_sessions.session_id').where('resolved_at', 'is', null)),
    );
  const rows = await q.orderBy('created_at', 'desc').orderBy('session_id').limit(f.limit).execute();
  return withResultFlags(db, rows.map(toListRow));
}

/** Adds each row's open result flags (README "Result checks"), one query per listing. */
async function withResultFlags(db: Kysely<CenterDatabase>, rows: ArchivedSessionRow[]): Promise<ArchivedSessionRow[]> {
  if (rows.length === 0) return rows;
  const open = await db
    .selectFrom('result_flags')
    .select(['session_id', 'kind'])
    .where(
      'session_id',
      'in',
      rows.map((r) => r.sessionId),
    )
    .where('resolved_at', 'is', null)
    .execute();
  return rows.map((r) => ({ ...r, resultFlags: [...new Set(open.filter((f) => f.session_id === r.sessionId).map((f) => f.kind))] }));
}

/** One archived session's listing row and what opening it needs (the sealed record, the wrapped key). */
export async function findArchivedSession(db: Kysely<CenterDatabase>, id: string) {
  const r = await db
    .selectFrom('archived_sessions')
    .select((eb) => [...COLUMNS, centreHeld(eb).as('centre_hold'), 'blob_key', 'wrapped_key', 'session_sealed', 'manifest'])
    .where('session_id', '=', id)
    .executeTakeFirst();
  return r ? { row: toListRow(r), blobKey: r.blob_key, wrappedKey: r.wrapped_key, sessionSealed: r.session_sealed, manifest: r.manifest } : null;
}

type Selected = Pick<Selectable<ArchivedSessionsTable>, (typeof COLUMNS)[number]> & { centre_hold: unknown };

function toListRow(r: Selected): ArchivedSessionRow {
  // PostgreSQL answers `exists` as a boolean, SQLite as 1/0.
  const centreHold = r.centre_hold === true || Number(r.centre_hold) === 1;
  return {
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
    recordingState: r.recording_state,
    recovered: toNum(r.recovered) === 1,
    gapCount: toNum(r.gap_count),
    legalHold: toNum(r.legal_hold) === 1 || centreHold,
    retention: {
      until: r.retain_until,
      basis: r.retention_basis,
      contractEnd: r.contract_end,
      centreHold,
      purgedAt: r.purged_at,
      purgeReason: r.purge_reason,
    },
  };
}
