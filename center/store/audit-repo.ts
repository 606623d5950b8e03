import type { Kysely } from 'kysely';
import type { CenterDatabase } from './db-schema';
import type { Store } from './open-store';
import { nowIso } from './clock';
import { toNum } from './to-num';
import { appendChained } from './audit-chain';
import type { AuditChainContent } from '../../shared/sync/audit-chain';

/**
 * Audit log (个人信息保护法 第55–56条; docs/domain.md §9/§11): every administrative action and every
 * read of personal data is written here, with who, what and on which record.
 */
export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly target?: string;
  readonly detail?: Record<string, unknown>;
}

/** Entries of transactions that append their audit rows at the end (`holdAuditsUntilCommit`). */
const held = new WeakMap<object, AuditChainContent[]>();

/**
 * Appends one entry to the hash-chained log (store/audit-chain.ts): inside the caller's transaction
 * when given one — the chain head stays locked until that commits — else in a short one of its own.
 */
export async function audit(db: Kysely<CenterDatabase>, entry: AuditEntry): Promise<void> {
  const row = {
    at: nowIso(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
  const later = held.get(db);
  if (later) later.push(row);
  else if (db.isTransaction) await appendChained(db, row);
  else await db.transaction().execute((trx) => appendChained(trx, row));
}

/**
 * Holds back the audit entries of `trx` until the returned function appends them, right before
 * commit. Taken early, the chain head's lock would be held across the rest of the transaction's
 * work — serialising writers, and deadlocking with one that locked a case row first and audits
 * after. Appended last, its holder waits for nothing but the change feed's lock (changes-repo.ts).
 */
export function holdAuditsUntilCommit(trx: Kysely<CenterDatabase>): () => Promise<void> {
  const rows: AuditChainContent[] = [];
  held.set(trx, rows);
  return async () => {
    held.delete(trx);
    for (const row of rows) await appendChained(trx, row);
  };
}

/** Reads recent entries, newest first. */
export async function readAudit(store: Store, opts: { limit?: number; actor?: string; action?: string } = {}) {
  let q = store.db.selectFrom('audit_log').selectAll();
  if (opts.actor) q = q.where('actor', '=', opts.actor);
  if (opts.action) q = q.where('action', '=', opts.action);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 200)
    .execute();
  return rows.map((r) => ({ ...r, id: toNum(r.id), detail: r.detail ? (JSON.parse(r.detail) as unknown) : null }));
}
