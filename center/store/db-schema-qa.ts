/** Row shapes of QA evaluations (migration 0015); `CenterDatabase` in db-schema.ts collects them. */

/** One saved version of a QA form: JSON `QaFormVersion` (shared/domain/qa/qa-form.ts). */
export interface QaFormVersionsTable {
  form_id: string;
  version: number;
  definition: string;
  created_by: string;
  created_at: string;
}

/** A call a QA took from the work list (one claim per call). */
export interface QaClaimsTable {
  session_id: string;
  claimed_by: string;
  claimed_at: string;
  /** JSON array of `SampleReason`. */
  reasons: string;
}

/** A lead's calibration: JSON arrays of session ids and reviewers' staff numbers. */
export interface QaCalibrationsTable {
  id: string;
  lead: string;
  team: string;
  sessions: string;
  reviewers: string;
  created_at: string;
}

/** One evaluation of one call. */
export interface QaEvaluationsTable {
  id: string;
  session_id: string;
  policy_no: string;
  agent_id: string;
  team: string;
  form_id: string;
  form_version: number;
  script_id: string;
  script_version: string;
  evaluator: string;
  /** Set for a calibration evaluation (never shown to the agent). */
  calibration_id: string | null;
  /** JSON array of `QaItemVerdict`. */
  verdicts: string;
  /** Score × 10 (0–1000): an integer on both engines. */
  score_tenths: number;
  passed: number;
  /** JSON array of item ids. */
  fatal_failures: string;
  /** `QaEvaluationState`, or `calibration`. */
  state: string;
  created_at: string;
  acknowledged_at: string | null;
  dispute_reason: string | null;
  disputed_at: string | null;
  /** upheld / revised. */
  resolution: string | null;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  /** The evaluation a lead's revision replaces (migration 0020). */
  supersedes: string | null;
  /** 1 for the version that counts, 0 once a revision superseded it. */
  is_current: number;
}
