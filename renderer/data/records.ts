import type { AssignedCase, CaseKind, CaseStatus, PushItem, SyncAttemptOutcome } from '../../shared/sync';
import type { CarriedProgress } from '../../shared/domain/script/carried-progress';
import type { Sealed } from './cache-cipher';

/**
 * Shapes of the rows in the workstation's offline cache (IndexedDB via Dexie). Everything here is
 * plain, structured-clonable data. Audio never lives here: the main process keeps recordings.
 *
 * Personal data is encrypted at rest (docs/domain.md §11): each table that holds any has a `Stored…`
 * row type (what IndexedDB holds: personal fields sealed, see `cache-cipher.ts` and
 * `sealed-rows.ts`) beside the opened type the app works with. What stays clear is what the cache
 * queries on or orders by (ids, policy numbers, dates, states, kinds, flags) and the masked name.
 */

/** A case assigned to this agent, as last pulled from the centre, plus local progress. */
export interface CachedCase extends AssignedCase {
  /** Local state: `open` in the queue, `done` once a final result was recorded at this desk. */
  readonly localState: 'open' | 'done';
  /** ISO time the centre's version was stored here. */
  readonly syncedAt: string;
}

/**
 * What the queue needs from a case's personal data, worked out when the case is stored (the data
 * itself is sealed): the masked name, the keyed hash of the full name, the keyed tokens of its
 * parts, and the badge facts.
 */
export interface CaseSummary {
  /** Masked policyholder name (`张*三`): what the queue shows. */
  readonly holderName: string;
  /** Keyed hash of the normalised full name (`CacheCipher.nameKey`); '' when there is no name. */
  readonly nameKey: string;
  /** Keyed tokens of the parts of the name, space-joined (`name-tokens.ts`); '' when there is no name. */
  readonly nameTokens: string;
  readonly productName: string;
  /** The policyholder was 60 or older on the application date. */
  readonly age60: boolean;
  readonly recordedSale: boolean;
  /** The selling branch's code: the calling hours' region (absent in summaries made before it existed). */
  readonly branchCode?: string;
}

/** A cached case as IndexedDB holds it: the case data sealed, its queue summary beside it. */
export type StoredCase = Omit<CachedCase, 'data'> & {
  readonly data: Sealed<AssignedCase['data']>;
  readonly summary: CaseSummary;
};

/** Badges shown in the queue. */
export type QueueBadge = 'red_flag' | 'age_60_plus' | 'recorded_sale' | 'dialect' | 'callback_due' | 'escalated';

/** Tier of the queue order (docs/domain.md §7): verification/returned, then callbacks due, then the rest. */
export type QueueTier = 0 | 1 | 2;

/**
 * The small summary the queue lists, kept in its own table so the queue never loads full cases.
 * `rank` sorts lexicographically into the queue order.
 */
export interface QueueRow {
  readonly policyNo: string;
  readonly rank: string;
  readonly tier: QueueTier;
  readonly kind: CaseKind;
  readonly status: CaseStatus;
  /** Cooling-off (or work-order) deadline, ISO date or time; null when unknown. */
  readonly deadline: string | null;
  /** Masked policyholder name (never the full name: the queue is on screen all day). */
  readonly holderName: string;
  /** Keyed hash of the full name: the queue search finds a policyholder by exact full name. */
  readonly nameKey: string;
  /**
   * Keyed tokens of the parts of the name, space-joined (`name-tokens.ts`): the queue search finds a
   * policyholder by part of the name. Filled for rows cached before it existed by `fillNameTokens`.
   */
  readonly nameTokens: string;
  readonly productName: string;
  readonly badges: readonly QueueBadge[];
  readonly redFlags: readonly string[];
  /** Dialect the policyholder is called in (null: Mandarin or unknown). Absent in rows cached before it existed. */
  readonly language?: string | null;
  /** Earliest pending callback (ISO time), if any. */
  readonly callbackAt: string | null;
  /** The selling branch's code, for the calling hours' region (absent: the centre-wide hours). */
  readonly branchCode?: string;
  readonly attempts: number;
  readonly localState: 'open' | 'done';
}

/** One attempt to reach the policyholder. `id` is the client id also used in the outbox. */
export interface AttemptRecord {
  readonly id: string;
  readonly policyNo: string;
  readonly occurredAt: string;
  readonly outcome: SyncAttemptOutcome;
  /** The domain core's finer attempt outcome (e.g. `switched_off`), or `completed` for a visit. */
  readonly detail: string;
  readonly phone: string | null;
  readonly agent: string;
  readonly durationSec?: number;
  readonly callId?: string;
  readonly sipCode?: number;
  readonly note?: string;
  /**
   * Answers this call leaves for the next one (a call cut off after identity, docs/domain.md §6);
   * null: this reached call leaves nothing (it replaces whatever an earlier call left); absent: the
   * attempt did not reach the policyholder and changes nothing.
   */
  readonly progress?: CarriedProgress | null;
}

/** An attempt as stored: the number dialled, the agent's note and the carried answers sealed. */
export type StoredAttempt = Omit<AttemptRecord, 'phone' | 'note' | 'progress'> & {
  readonly sealed: Sealed<Pick<AttemptRecord, 'phone' | 'note' | 'progress'>>;
};

/** Metadata of one call session at the desk (the audio stays with the main process). */
export interface CallSessionRecord {
  readonly id: string;
  readonly policyNo: string;
  readonly agent: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly callId: string | null;
  readonly recordingSessionId: string | null;
  /** Answers keyed by question id, as given (final answers after re-asks). */
  readonly answers: Readonly<Record<string, string>>;
  readonly classification: string | null;
  readonly kinds: readonly string[];
}

/** A call session as stored: the answers sealed. */
export type StoredCallSession = Omit<CallSessionRecord, 'answers'> & {
  readonly sealed: Sealed<Pick<CallSessionRecord, 'answers'>>;
};

/** A booked callback. `owner` null = anyone in the team may take it. */
export interface CallbackRecord {
  readonly id: string;
  readonly policyNo: string;
  readonly dueAt: string;
  readonly owner: string | null;
  readonly bookedBy: string;
  readonly bookedAt: string;
  readonly note: string;
  /** Set when the callback lies after the deadline: why that was allowed. */
  readonly overrideReason: string | null;
  readonly state: 'pending' | 'notified' | 'done' | 'cancelled';
}

/** A callback as stored: the note and the override reason (free text) sealed. */
export type StoredCallback = Omit<CallbackRecord, 'note' | 'overrideReason'> & {
  readonly sealed: Sealed<Pick<CallbackRecord, 'note' | 'overrideReason'>>;
};

/**
 * A closed call session (record and recording) for the centre's evidence archive. Main moves the
 * bytes (README "Evidence archive"); the outbox holds the promise that it will, in order with the
 * results.
 */
export interface SessionArchiveItem {
  readonly kind: 'session_archive';
  readonly id: string;
  readonly sessionId: string;
}

/** What the outbox carries: results and facts for `sync/push`, and sessions for the archive. */
export type OutboxItem = PushItem | SessionArchiveItem;

/** An item waiting to reach the centre. `id` equals the pushed item's client id. */
export interface OutboxEntry {
  readonly id: string;
  readonly item: OutboxItem;
  /** Staff number of the agent who produced it: only they push it (the centre attributes to the caller). */
  readonly author: string;
  readonly createdAt: string;
  readonly state: 'pending' | 'delivered' | 'rejected';
  readonly tries: number;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  /** Session archive entries: the recording's bytes not yet at the centre, as last known. */
  readonly bytes?: number;
}

/**
 * An outbox entry as stored: the item (answers, notes, numbers) sealed; its kind and policy number
 * stay clear for diagnosis (neither is personal).
 */
export type StoredOutboxEntry = Omit<OutboxEntry, 'item'> & {
  readonly kind: OutboxItem['kind'];
  readonly policyNo: string | null;
  readonly item: Sealed<OutboxItem>;
};

/** A key/value setting (sync cursor, attempt limit, …). */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/** A phone-number correction: the original stays, the correction is added with who and when. */
export interface PhoneCorrection {
  readonly id: string;
  readonly policyNo: string;
  /** The number as it was on file (or a previous correction). */
  readonly original: string;
  /** The corrected number; empty when the original was marked wrong without a replacement. */
  readonly corrected: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A phone correction as stored: both numbers and the reason sealed. */
export type StoredPhoneCorrection = Omit<PhoneCorrection, 'original' | 'corrected' | 'reason'> & {
  readonly sealed: Sealed<Pick<PhoneCorrection, 'original' | 'corrected' | 'reason'>>;
};

/**
 * A call-session close the main process has not confirmed yet (it failed or the host was busy):
 * kept until it succeeds, so the session's answers and outcome always reach the recording store.
 */
export interface PendingClose {
  readonly sessionId: string;
  readonly request: {
    readonly sessionId: string;
    readonly answers: Readonly<Record<string, string>>;
    readonly outcome: string | null;
    readonly outcomeNote: string | null;
    /** The result's kind codes (final results only). */
    readonly kinds?: readonly string[];
  };
  /** ISO time of the first try. */
  readonly since: string;
  readonly tries: number;
  readonly lastError: string | null;
}

/** A pending close as stored: the request (answers, outcome note) sealed. */
export type StoredPendingClose = Omit<PendingClose, 'request'> & {
  readonly request: Sealed<PendingClose['request']>;
};
