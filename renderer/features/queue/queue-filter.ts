import type { QueueBadge, QueueRow } from '../../data/records';
import type { CaseKind } from '../../../shared/sync';

/** Filters of the queue screen. */
export interface QueueFilter {
  readonly kind: CaseKind | 'all';
  readonly badge: QueueBadge | 'all';
  /** Policy number prefix (case-insensitive) or the policyholder's exact full name. */
  readonly search: string;
}

export const NO_FILTER: QueueFilter = { kind: 'all', badge: 'all', search: '' };

/**
 * Applies the filter to rows already in queue order; keeps the order. The search matches a policy
 * number prefix, or — through `nameKey`, the keyed hash of the search text computed by the store
 * (`CacheCipher.nameKey`) — a policyholder's exact full name (spaces and width ignored). Part of a
 * name finds nothing: the cache keeps no full names to search in (only masked names and keyed
 * hashes), and a surname alone would list a crowd of policyholders anyway.
 */
export function filterQueue(rows: readonly QueueRow[], f: QueueFilter, nameKey: string | null = null): readonly QueueRow[] {
  const q = f.search.trim();
  if (f.kind === 'all' && f.badge === 'all' && q === '') return rows;
  const upper = q.toUpperCase();
  return rows.filter(
    (r) =>
      (f.kind === 'all' || r.kind === f.kind) &&
      (f.badge === 'all' || r.badges.includes(f.badge)) &&
      (q === '' || r.policyNo.toUpperCase().startsWith(upper) || (nameKey !== null && nameKey !== '' && r.nameKey === nameKey)),
  );
}
