import type { QueueBadge, QueueRow } from '../../data/records';
import type { CaseKind } from '../../../shared/sync';

/** Filters of the queue screen. */
export interface QueueFilter {
  readonly kind: CaseKind | 'all';
  readonly badge: QueueBadge | 'all';
  /** Policy number prefix (case-insensitive) or part of the policyholder's name. */
  readonly search: string;
}

export const NO_FILTER: QueueFilter = { kind: 'all', badge: 'all', search: '' };

/** Applies the filter to rows already in queue order; keeps the order. */
export function filterQueue(rows: readonly QueueRow[], f: QueueFilter): readonly QueueRow[] {
  const q = f.search.trim();
  if (f.kind === 'all' && f.badge === 'all' && q === '') return rows;
  const upper = q.toUpperCase();
  return rows.filter(
    (r) =>
      (f.kind === 'all' || r.kind === f.kind) &&
      (f.badge === 'all' || r.badges.includes(f.badge)) &&
      (q === '' || r.policyNo.toUpperCase().startsWith(upper) || r.holderName.includes(q)),
  );
}
