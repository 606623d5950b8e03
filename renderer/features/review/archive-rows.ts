import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { ArchivedSessionRow } from '../../../shared/sync';

/** One row of the replay list: a session on this workstation, at the centre, or both. */
export type ReviewRow = ResponseOf<'session:list'>[number] & {
  /** `centre`: only at the centre (opening fetches it); `local`: not (yet) archived; `both`. */
  readonly origin: 'local' | 'centre' | 'both';
  /** Known for archived sessions only. */
  readonly gapCount?: number;
  readonly legalHold?: boolean;
  /** Open result-check flags the centre raised on this session's result (center/README.md "Result checks"). */
  readonly resultFlags?: readonly string[];
};

/** QA's result filter: a category, any unfinished call, or all. */
export const RESULT_FILTERS = ['all', 'standard', 'substandard', 'problem', 'verification', 'unfinished', 'none'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];
/** QA's flag filter: recordings that need a look (gaps, hold and result flags are known for archived sessions). */
export const FLAG_FILTERS = ['all', 'recovered', 'recording_failed', 'no_recording', 'gaps', 'on_hold', 'result_flagged'] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

/** What the centre's listing is asked for, from the screen's filters (text filters stay on screen: they match substrings). */
export function centreQuery(f: { dayFilter: string; resultFilter: ResultFilter; flagFilter: FlagFilter }, limit: number): RequestOf<'archive:list'> {
  const q: RequestOf<'archive:list'> = { limit };
  if (f.dayFilter) {
    // The day is the QA person's local day, as the list shows it.
    const [y, m, d] = f.dayFilter.split('-').map(Number) as [number, number, number];
    q.from = new Date(y, m - 1, d).toISOString();
    q.to = new Date(new Date(y, m - 1, d + 1).getTime() - 1).toISOString();
  }
  if (f.resultFilter !== 'all') q.result = f.resultFilter;
  if (f.flagFilter === 'gaps') q.recording = 'gaps';
  else if (f.flagFilter === 'on_hold') q.hold = 'true';
  else if (f.flagFilter === 'result_flagged') q.flagged = 'true';
  else if (f.flagFilter !== 'all') q.recording = f.flagFilter;
  return q;
}

/** This workstation's sessions and the centre's, one row per session, newest first. */
export function mergeRows(local: ResponseOf<'session:list'>, centre: readonly ArchivedSessionRow[]): ReviewRow[] {
  const byId = new Map(centre.map((c) => [c.sessionId, c]));
  const rows: ReviewRow[] = local.map((l) => {
    const c = byId.get(l.id);
    byId.delete(l.id);
    return c ? { ...l, origin: 'both', gapCount: c.gapCount, legalHold: c.legalHold, resultFlags: c.resultFlags ?? [] } : { ...l, origin: 'local' };
  });
  for (const c of byId.values()) {
    rows.push({
      id: c.sessionId,
      caseId: c.caseId,
      agentId: c.agentId,
      createdAt: Date.parse(c.createdAt),
      endedAt: c.endedAt === null ? null : Date.parse(c.endedAt),
      outcome: c.outcome,
      state: 'closed',
      recordingState: c.recordingState === 'finalised' || c.recordingState === 'failed' ? c.recordingState : 'none',
      recovered: c.recovered,
      origin: 'centre',
      gapCount: c.gapCount,
      legalHold: c.legalHold,
      resultFlags: c.resultFlags ?? [],
    });
  }
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}
