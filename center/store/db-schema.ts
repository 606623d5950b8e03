import type { Generated } from 'kysely';
import type {
  ArchivedSessionsTable,
  ArchiveDisputesTable,
  LegalHoldsTable,
  SipAccountsTable,
  RecordingExportsTable,
  ResultChecksTable,
  SessionCheckFactsTable,
  ResultFlagsTable,
} from './db-schema-archive';
import type { ConsoleSessionsTable, WorkOrderEventsTable } from './db-schema-console';
import type { InPersonVisitsTable, VisitDocumentsTable, VisitLettersTable } from './db-schema-visits';
import type { KeptReportsTable } from './db-schema-reports';
import type { ImportReportsTable } from './db-schema-admin';
import type { LiveTables } from './db-schema-live';
import type { QaCalibrationsTable, QaClaimsTable, QaEvaluationsTable, QaFormVersionsTable } from './db-schema-qa';

/**
 * Tables of the case centre, identical on SQLite and PostgreSQL. Times are ISO-8601 text,
 * booleans are 0/1 integers and JSON is text, so one query layer serves both engines.
 * Auto-increment columns come back as strings from PostgreSQL (bigint): read them via `toNum`.
 */
export interface UsersTable {
  staff_no: string;
  name: string;
  role: string;
  team: string;
  /** JSON array of language/dialect skills, e.g. ["mandarin","cantonese"]. */
  languages: string;
  /** `scrypt$N$r$p$saltB64$hashB64`: parameters are recorded with every hash. */
  password_hash: string;
  active: number;
  created_at: string;
  /** Branch staff only: their branch (hierarchical code) and its name; null for everyone else. */
  branch_code: string | null;
  branch_name: string | null;
}

export interface CasesTable {
  policy_no: string;
  /** JSON of the shared PolicyCase. */
  data: string;
  team: string;
  language: string;
  holder_age: number | null;
  holder_phone: string | null;
  visit_mode: string;
  kind: string;
  status: string;
  priority: number;
  deadline: string | null;
  escalated: number;
  /** JSON array of red-flag codes. */
  flags: string;
  assigned_to: string | null;
  assigned_at: string | null;
  attempt_count: number;
  result_class: string | null;
  result_by: string | null;
  result_item_id: string | null;
  /** JSON `ResultOverride` when the agent overrode the computed classification (migration 0005). */
  result_override: string | null;
  closed_reason: string | null;
  /** YYYY-MM of the month a returned case belongs to (priority: last month before older). */
  return_month: string | null;
  version: number;
  imported_at: string;
  updated_at: string;
}

export interface AssignmentsTable {
  id: Generated<number>;
  policy_no: string;
  staff_no: string;
  assigned_at: string;
  assigned_by: string;
  ended_at: string | null;
}

export interface ChangesTable {
  seq: Generated<number>;
  staff_no: string;
  policy_no: string;
  /** 'upsert' | 'drop' */
  op: string;
  reason: string | null;
  at: string;
}

export interface SyncItemsTable {
  id: string;
  kind: string;
  policy_no: string | null;
  /** Who pushed it: the agent who did the call. */
  staff_no: string;
  payload: string;
  /** sha256 of the canonical payload: detects an id reused for different content. */
  digest: string;
  occurred_at: string;
  received_at: string;
}

export interface RefreshTokensTable {
  token_hash: string;
  staff_no: string;
  family: string;
  expires_at: string;
  revoked_at: string | null;
  /** 'rotated' | 'superseded' | 'logout' | 'reuse' (migration 0002). */
  revoked_reason: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
  /** Hash chain (migration 0011-audit-chain, store/audit-chain.ts): the previous row's hash and this row's. */
  prev_hash: string | null;
  hash: string | null;
}

/** The audit chain's head: one row (id 1), locked by every append so appends are serial across processes. */
export interface AuditChainHeadTable {
  id: number;
  /** bigint: a string on PostgreSQL. */
  last_id: number | string;
  last_hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  at: string;
  actor: string;
  file_name: string;
  total: number;
  accepted: number;
  rejected: number;
  flagged: number;
}

/** Work orders (工单) to the selling branch, docs/domain.md §7 (migration 0003). */
export interface WorkOrdersTable {
  id: Generated<number>;
  policy_no: string;
  /** The case's team (team leads see their own team's orders). */
  team: string;
  /** Client id of the pushed result that raised it (unique: exactly one order per result). */
  source_item_id: string;
  /** The agent who made the call. */
  raised_by: string;
  /** 'substandard' | 'problem' | 'verification' */
  category: string;
  /** WorkOrderKind of the domain core, e.g. 'mis_selling_resolution'. */
  kind: string;
  /** JSON array of the result's kind codes. */
  result_kinds: string;
  branch_code: string;
  branch_name: string;
  /** The selling agent's code (第18条: may not handle mis-selling when seller_may_handle = 0). */
  seller_code: string | null;
  seller_may_handle: number;
  created_at: string;
  /** Date the working days are counted from (not counted itself). */
  from_date: string;
  /** Last day to finish it (inclusive). */
  due_date: string;
  working_days: number;
  /** The due date rests on a year without official holiday data. */
  calendar_uncertain: number;
  /** 'open' | 'done' ('overdue' is derived: open and past `due_date`). */
  status: string;
  closed_at: string | null;
  /** The centre's date when it was closed (YYYY-MM-DD), to tell a late closing. */
  closed_on: string | null;
  closed_by: string | null;
  /** Who at the branch handled it (code), when given. */
  handled_by: string | null;
  outcome: string | null;
  /** 逾期说明. */
  late_explanation: string | null;
  late_explained_by: string | null;
  late_explained_at: string | null;
  /** Bumped on every change (migration 0017); writes naming an older one are refused. */
  version: Generated<number>;
  /** 1 while the case is back in the call queue for a revisit the branch asked for (migration 0017). */
  revisit_pending: Generated<number>;
}

/** Callbacks booked at a desk (migration 0004); `id` is the pushed item's client id. */
export interface CallbacksTable {
  id: string;
  policy_no: string;
  /** The agent it was booked for; null = whoever holds the case. */
  assignee: string | null;
  /** The agent whose pull carries it. */
  deliver_to: string;
  booked_by: string;
  booked_at: string;
  due_at: string;
  note: string;
  override_reason: string | null;
}

/** Phone numbers corrected at a desk (migration 0005); `id` is the pushed item's client id. */
export interface PhoneCorrectionsTable {
  id: string;
  policy_no: string;
  /** The number as it was on file (kept). */
  original: string;
  /** The number to dial instead; null = only marked wrong. */
  corrected: string | null;
  reason: string;
  /** The caller who pushed it (the agent at the desk). */
  corrected_by: string;
  /** When it happened at the desk (the item's `occurredAt`). */
  corrected_at: string;
  /** When the centre stored it. */
  received_at: string;
  /** The team lead's review (migration 0007): `accepted` / `rejected`, null while to be reviewed. */
  review_decision: string | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** Official holiday schedules loaded by an administrator (migration 0006), one row per year. */
export interface CalendarYearsTable {
  year: number;
  /** JSON `HolidaySchedule` as validated by `parseHolidaySchedule`. */
  schedule: string;
  /** The notice it came from, when the file named one. */
  source: string | null;
  loaded_by: string;
  loaded_at: string;
}

/** One load of a holiday schedule with every date it moved (migration 0033). */
export interface CalendarLoadsTable {
  id: string;
  year: number;
  source: string | null;
  loaded_by: string;
  loaded_at: string;
  replaced: number;
  cases_changed: number;
  work_orders_changed: number;
  /** JSON `MovedDeadline[]`. */
  moved_deadlines: string;
  /** JSON `MovedOrder[]`. */
  moved_orders: string;
}

/** The whole database as Kysely sees it. */
export interface CenterDatabase extends LiveTables {
  users: UsersTable;
  cases: CasesTable;
  assignments: AssignmentsTable;
  changes: ChangesTable;
  sync_items: SyncItemsTable;
  refresh_tokens: RefreshTokensTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  settings: SettingsTable;
  import_batches: ImportBatchesTable;
  work_orders: WorkOrdersTable;
  callbacks: CallbacksTable;
  phone_corrections: PhoneCorrectionsTable;
  calendar_years: CalendarYearsTable;
  calendar_loads: CalendarLoadsTable;
  archived_sessions: ArchivedSessionsTable;
  sip_accounts: SipAccountsTable;
  recording_exports: RecordingExportsTable;
  archive_disputes: ArchiveDisputesTable;
  legal_holds: LegalHoldsTable;
  result_checks: ResultChecksTable;
  session_check_facts: SessionCheckFactsTable;
  result_flags: ResultFlagsTable;
  qa_form_versions: QaFormVersionsTable;
  qa_claims: QaClaimsTable;
  qa_calibrations: QaCalibrationsTable;
  qa_evaluations: QaEvaluationsTable;
  console_sessions: ConsoleSessionsTable;
  work_order_events: WorkOrderEventsTable;
  kept_reports: KeptReportsTable;
  visit_letters: VisitLettersTable;
  in_person_visits: InPersonVisitsTable;
  visit_documents: VisitDocumentsTable;
  import_reports: ImportReportsTable;
}
