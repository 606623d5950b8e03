import type { Transaction } from 'dexie';

/** Setting set by the v4 upgrade while rows written before encryption are still in the clear. */
export const LEGACY_PLAINTEXT = 'legacyPlaintext';

/** Setting set by the v5 upgrade while cached rows still lack name tokens (see `fillNameTokens`). */
export const NAME_TOKENS_PENDING = 'nameTokensPending';

/** One schema version of the cache: Dexie store declarations plus an optional data upgrade. */
export interface CacheMigration {
  readonly version: number;
  readonly stores: Record<string, string | null>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every schema version, oldest first. Never edit a shipped version: add a new one. Dexie runs the
 * upgrades in order for a database opened at an older version.
 *
 * v1: cases, queue, attempts, sessions, callbacks, outbox, settings.
 * v2: phone corrections; outbox gets a compound [state+createdAt] index for ordered delivery and
 *     entries from v1 (which had no `state`) become `pending`.
 * v3: session closes waiting to reach the main process (retried until it answers).
 * v4: personal data sealed at rest (`cache-cipher.ts`). The queue loses its index on the full
 *     holder name (rows now hold the masked name and a name key). WebCrypto cannot run inside an
 *     upgrade transaction, so the upgrade only marks the cache `legacyPlaintext`; the rows written
 *     by v1–v3 are sealed right after sign-in by `sealLegacyRows` (nothing dropped, unsent outbox
 *     entries included), outside any upgrade.
 * v5: queue rows and case summaries get `nameTokens` (keyed tokens of the parts of the name, for
 *     search by part of a name). No index changes. As in v4, WebCrypto cannot run in the upgrade:
 *     it marks the cache `nameTokensPending`, and `fillNameTokens` fills the tokens after sign-in
 *     (after `sealLegacyRows`, in the background once the queue shows), resumably.
 */
export const cacheMigrations: readonly CacheMigration[] = [
  {
    version: 1,
    stores: {
      cases: 'policyNo',
      queue: 'policyNo, rank, kind, holderName, *badges',
      attempts: 'id, policyNo, occurredAt',
      sessions: 'id, policyNo, startedAt',
      callbacks: 'id, policyNo, dueAt, state',
      outbox: 'id, createdAt',
      settings: 'key',
    },
  },
  {
    version: 2,
    stores: {
      outbox: 'id, createdAt, [state+createdAt]',
      phoneCorrections: 'id, policyNo, at',
    },
    async upgrade(tx) {
      await tx
        .table('outbox')
        .toCollection()
        .modify((entry: Record<string, unknown>) => {
          entry.state ??= 'pending';
          entry.tries ??= 0;
          entry.lastError ??= null;
          entry.deliveredAt ??= null;
        });
    },
  },
  {
    version: 3,
    stores: {
      pendingCloses: 'sessionId, since',
    },
  },
  {
    version: 4,
    stores: {
      queue: 'policyNo, rank, kind, *badges',
    },
    async upgrade(tx) {
      await tx.table('settings').put({ key: LEGACY_PLAINTEXT, value: true });
    },
  },
  {
    version: 5,
    stores: {},
    async upgrade(tx) {
      await tx.table('settings').put({ key: NAME_TOKENS_PENDING, value: true });
    },
  },
];

/** The newest schema version. */
export const CACHE_VERSION = cacheMigrations[cacheMigrations.length - 1].version;
