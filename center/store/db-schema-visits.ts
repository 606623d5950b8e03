import type { ColumnType } from 'kysely';

/** One in-person call-back (migration 0022; center/visits/in-person-visits.ts). */
export interface InPersonVisitsTable {
  id: string;
  policy_no: string;
  branch_code: string;
  /** `InPersonVisitStatus` (shared/sync/visits.ts). */
  status: string;
  visited_on: string;
  /** JSON of the signed questionnaire's answer codes (step id → code). */
  answers: string;
  result_class: string | null;
  /** JSON array of the outcome scheme's kind codes. */
  result_kinds: string | null;
  recorded_by: string;
  recorded_at: string;
  version: number;
}

/** One uploaded document of a visit, stored encrypted in the archive's blob store under `blob_key`. */
export interface VisitDocumentsTable {
  id: string;
  visit_id: string;
  /** `questionnaire` or `id_copy`. */
  part: string;
  media_type: string;
  /** Bytes of the document as uploaded (before encryption). */
  size: number;
  blob_key: string;
  uploaded_by: string;
  uploaded_at: string;
  /** Set when its retention ended and the blob was removed (migration 0031); the row stays as a tombstone. */
  purged_at: ColumnType<string | null, string | null | undefined, string | null>;
  purge_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One printed call-back letter (migration 0019; center/visits/letters-repo.ts). */
export interface VisitLettersTable {
  batch_id: string;
  policy_no: string;
  branch_code: string;
  status: string;
  printed_by: string;
  printed_at: string;
  mailed_on: string | null;
  /** JSON of the returned questionnaire's answer codes (step id → code). */
  answers: string | null;
  result_class: string | null;
  /** JSON array of the outcome scheme's kind codes. */
  result_kinds: string | null;
  version: number;
}
