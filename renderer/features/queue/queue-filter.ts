import type { QueueBadge, QueueRow } from '../../data/records';
import type { CaseKind } from '../../../shared/sync';

/** Filters of the queue screen. */
export interface QueueFilter {
  readonly kind: CaseKind | 'all';
  readonly badge: QueueBadge | 'all';
  /** Any part of a policy number (case-insensitive), or any part of the policyholder's name. */
  readonly search: string;
}

export const NO_FILTER: QueueFilter = { kind: 'all', badge: 'all', search: '' };

/** One Chinese character (searched against the masked name's visible characters). */
const HAN_CHAR = /^\p{Script=Han}$/u;

/**
 * The search text as the cache's keyed hashes see it, computed by the store (WebCrypto, async):
 * `key` — `CacheCipher.nameKey` of the text as a full name ('' for none); `token` — its name token
 * (`searchToken` in `name-tokens.ts`; null when the text is not a searchable part of a name: a
 * single Latin letter or digit).
 */
export interface NameSearch {
  readonly key: string;
  readonly token: string | null;
}

/**
 * Applies the filter to rows already in queue order; keeps the order. The search matches a row
 * whose policy number contains the text anywhere (case-insensitive: policy numbers are not personal
 * data and are stored in the clear), or — through `name` — whose policyholder's name contains it:
 * the row's name tokens hold the token of every part of two characters and up (spaces and width
 * ignored; see `nameParts` for the cap on long names), and its name key still matches the exact
 * full name. A single Chinese character (a surname: 王, 欧) matches the characters the masked name
 * shows — the first and the last — since no token covers one character (see `isSearchablePart`).
 * The cache holds no name to search in: only the masked name and these keyed hashes.
 */
export function filterQueue(rows: readonly QueueRow[], f: QueueFilter, name: NameSearch | null = null): readonly QueueRow[] {
  const q = f.search.trim();
  if (f.kind === 'all' && f.badge === 'all' && q === '') return rows;
  const upper = q.toUpperCase();
  const key = name?.key ?? '';
  const token = name?.token ?? null;
  const visibleChar = HAN_CHAR.test(q) ? q : null;
  return rows.filter(
    (r) =>
      (f.kind === 'all' || r.kind === f.kind) &&
      (f.badge === 'all' || r.badges.includes(f.badge)) &&
      (q === '' ||
        r.policyNo.toUpperCase().includes(upper) ||
        (token !== null && (r.nameTokens ?? '').includes(token)) ||
        (visibleChar !== null && Array.from(r.holderName).includes(visibleChar)) ||
        (key !== '' && r.nameKey === key)),
  );
}
