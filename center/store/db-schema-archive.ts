import type { Generated } from 'kysely';

/**
 * Row shapes of the evidence archive (archived sessions, disputes, holds, exports), the result checks and
 * the agents' SIP accounts (migrations 0008–0014); `CenterDatabase` in db-schema.ts collects them.
 */

/** Call sessions archived at the centre (migration 0008), one row per session. */
export interface ArchivedSessionsTable {
  session_id: string;
  agent_id: string;
  case_id: string | null;
  team: string;
  created_at: string;
  ended_at: string | null;
  outcome: string | null;
  /** JSON array of the result's kind codes. */
  kinds: string;
  recording_sha256: string | null;
  /** bigint: a string from PostgreSQL, read via `toNum`. */
  recording_bytes: number | string | null;
  blob_key: string | null;
  /** The desk's recording key, RSA-OAEP-wrapped for the centre's archive key (base64). */
  wrapped_key: string;
  /** The session JSON sealed with the centre's session key (`sealText`). */
  session_sealed: string;
  /** JSON of the recording manifest (hashes, times, gaps; no personal data). */
  manifest: string | null;
  archived_at: string;
  /** none / failed / finalised (migration 0009). */
  recording_state: Generated<string>;
  /** 1 when the recording was finalised by crash recovery. */
  recovered: Generated<number>;
  /** Gaps in the recording (periods not recorded safely). */
  gap_count: Generated<number>;
  /** 1 when the session was under legal hold at the desk when archived. */
  legal_hold: Generated<number>;
  /** The policy's last day (YYYY-MM-DD), null when unknown (migration 0012). */
  contract_end: string | null;
  /** The last day it must be kept (YYYY-MM-DD); null while a dispute is open or not yet computed. */
  retain_until: string | null;
  /** call / contract_end / dispute / open_dispute; `pending` until first computed. */
  retention_basis: Generated<string>;
  /** Set when purged: the row stays as a tombstone, its sealed content emptied. */
  purged_at: string | null;
  purge_reason: string | null;
  /** The sampling keys (migration 0025, center/qa/sample-keys.ts): local day, ISO week, stable draw (bigint). */
  sample_day: string | null;
  sample_week: string | null;
  sample_draw: number | string | null;
  /** 1 when the call's script facts are on record, so QA can score it (migration 0028). */
  qa_scorable: Generated<number>;
  /** 1 when the agent overrode the call's derived result (migration 0028). */
  qa_overridden: Generated<number>;
}

/** Disputes on a policy (migration 0012): they extend its sessions' retention to the end + 2 years. */
export interface ArchiveDisputesTable {
  id: string;
  policy_no: string;
  opened_on: string;
  reason: string;
  ended_on: string | null;
  end_note: string | null;
  recorded_by: string;
  recorded_at: string;
  ended_by: string | null;
  ended_at: string | null;
}

/** Legal holds on a policy or an archived session (migration 0012); released ones are kept. */
export interface LegalHoldsTable {
  id: string;
  /** policy / session. */
  scope: string;
  target: string;
  reason: string;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
  release_reason: string | null;
}

/** Agents' SIP accounts (migration 0010), one row per agent. */
export interface SipAccountsTable {
  staff_no: string;
  /** JSON softphone account (`softphoneConfigSchema`), no secret. */
  config: string;
  /** The digest password sealed with the centre's key (`sealText`). */
  password_sealed: string;
  updated_by: string;
  updated_at: string;
}

/** Requests for a copy of an archived recording (migration 0013), one row per request. */
export interface RecordingExportsTable {
  id: string;
  session_id: string;
  team: string;
  agent_id: string;
  session_created_at: string;
  requested_by: string;
  reason: string;
  requested_at: string;
  /** `ExportState` (shared/sync/recording-export.ts). */
  state: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  expires_at: string | null;
  /** When the download in progress began (state `downloading`). */
  claimed_at: string | null;
  downloaded_at: string | null;
}

/** One pushed result and where its check stands (migration 0014, README "Result checks"). */
export interface ResultChecksTable {
  result_item_id: string;
  policy_no: string;
  agent_id: string;
  team: string;
  /** The session the result's call recorded (from the call's attempt); null when none was named. */
  session_id: string | null;
  /** JSON `PushedResult`. */
  pushed: string;
  pushed_at: string;
  /** `ResultCheckState`. */
  state: string;
  checked_at: string | null;
  /** JSON { category, kinds } the answers give; null while unchecked or when the attempts decide. */
  derived: string | null;
}

/** An archived session's clear facts for the check (migration 0014): JSON `SessionFacts`. */
export interface SessionCheckFactsTable {
  session_id: string;
  policy_no: string;
  agent_id: string;
  facts: string;
  archived_at: string;
}

/** A disagreement between a pushed result and its session (migration 0014); kept when resolved. */
export interface ResultFlagsTable {
  id: string;
  result_item_id: string;
  policy_no: string;
  agent_id: string;
  team: string;
  session_id: string | null;
  /** `ResultFlagKind`. */
  kind: string;
  detail: string;
  raised_at: string;
  resolved_at: string | null;
  resolution: string | null;
}
