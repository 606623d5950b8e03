/**
 * The centre's audit log as a hash chain (个人信息保护法 第55–56条; docs/domain.md §9: every access is
 * logged, and the log itself must not be quietly edited). The same construction as the desk's
 * recording access log (main/services/recording/access-log.ts): each entry's hash is the SHA-256 of
 * one canonical JSON text holding the entry and the previous entry's hash, so editing, removing or
 * moving a row breaks the chain at a row a verifier can name. Pure: the hash function is passed in
 * (the centre gives node:crypto's SHA-256 hex).
 */

/** The hash the first entry links to. */
export const CHAIN_GENESIS = 'genesis';

/** What of an audit row is hashed: every stored column but the id (the chain, not the id, fixes the order). */
export interface AuditChainContent {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  /** The JSON text exactly as stored (not re-serialised: key order must not matter to the hash). */
  readonly detail: string | null;
}

/** The canonical text hashed for one entry: fixed key order, the previous hash last (like the desk's `prev`). */
export function auditChainText(prev: string, row: AuditChainContent): string {
  return JSON.stringify({ at: row.at, actor: row.actor, action: row.action, target: row.target, detail: row.detail, prev });
}

/**
 * Why a verification stopped:
 * - `unchained`: the row carries no hash (written around the chain);
 * - `link_broken`: its previous-hash is not the hash of the row before it (a row before it was
 *   removed, or rows were moved);
 * - `content_changed`: its columns no longer give its hash (the row was edited);
 * - `tail_missing`: the newest rows the chain head names are gone (`id` is the head's last row).
 */
export type AuditChainBreakReason = 'unchained' | 'link_broken' | 'content_changed' | 'tail_missing';

/** The first row where the chain does not hold; `afterId` is the last row that still verified (null: none). */
export interface AuditChainBreak {
  readonly id: number;
  readonly reason: AuditChainBreakReason;
  readonly afterId: number | null;
}

/** The answer of `audit verify` and `GET /api/admin/audit/verify`. */
export interface AuditChainVerdict {
  readonly ok: boolean;
  /** Rows verified up to the chain head (rows appended while verifying are left to the next run). */
  readonly rows: number;
  readonly firstBroken?: AuditChainBreak;
  /** The head's hash: written down elsewhere, it lets a later check prove that no one rebuilt the whole chain. */
  readonly headHash: string;
}

/** One stored row as a verifier reads it. */
export interface StoredAuditRow extends AuditChainContent {
  readonly id: number;
  readonly prevHash: string | null;
  readonly hash: string | null;
}

/** Checks one row against the hash of the row before it; null when it holds. */
export function auditChainFault(prev: string, row: StoredAuditRow, sha256: (text: string) => string): AuditChainBreakReason | null {
  if (row.hash === null || row.prevHash === null) return 'unchained';
  if (row.prevHash !== prev) return 'link_broken';
  return sha256(auditChainText(prev, row)) === row.hash ? null : 'content_changed';
}
