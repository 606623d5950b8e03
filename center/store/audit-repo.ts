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

/** Most entries appended by one transaction of `appendAlone`. */
const BATCH = 500;

type Waiting = { row: AuditChainContent; resolve: () => void; reject: (err: unknown) => void };
/** Entries written outside any transaction, waiting for the store's next append. */
const queues = new WeakMap<object, { waiting: Waiting[]; busy: boolean }>();

/**
 * Appends one entry to the hash-chained log (store/audit-chain.ts): inside the caller's transaction
 * when given one — the chain head stays locked until that commits — else in a short one of its own,
 * shared with the entries that arrive while the previous one commits (`appendAlone`).
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
  else if (db.isTransaction) await appendChained(db, [row]);
  else await appendAlone(db, row);
}

/**
 * Group commit of the chain: one transaction appends every entry queued while the previous one ran,
 * and each caller resolves once its entry is committed (or fails with its error). A transaction per
 * entry queued every audited read of a burst (300 desks pulling their queue at once) behind the
 * head's lock, one after another. A lone entry starts at once, as before.
 */
function appendAlone(db: Kysely<CenterDatabase>, row: AuditChainContent): Promise<void> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], busy: false }));
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.waiting.push({ row, resolve, reject });
    if (!q.busy) void drain(db, q);
  });
}

async function drain(db: Kysely<CenterDatabase>, q: { waiting: Waiting[]; busy: boolean }): Promise<void> {
  q.busy = true;
  try {
    while (q.waiting.length > 0) {
      const batch = q.waiting.splice(0, BATCH);
      try {
        await db.transaction().execute((trx) =>
          appendChained(
            trx,
            batch.map((w) => w.row),
          ),
        );
        batch.forEach((w) => w.resolve());
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One entry's failure is not the others': each is tried alone, so only its own caller fails.
        else
          for (const w of batch)
            await db
              .transaction()
              .execute((trx) => appendChained(trx, [w.row]))
              .then(w.resolve, w.reject);
      }
    }
  } finally {
    q.busy = false;
  }
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
    await appendChained(trx, rows);
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
