import type { Generated } from 'kysely';

/** Browser sessions of the web console (migration 0017). */
export interface ConsoleSessionsTable {
  /** SHA-256 of the session id in the cookie (hex). */
  id_hash: string;
  staff_no: string;
  /** SHA-256 of the CSRF token the browser echoes in `x-csrf-token`. */
  csrf_hash: string;
  created_at: string;
  /** Last authenticated request; the session ends after 30 idle minutes. */
  last_seen_at: string;
  /** Absolute end (12 h after sign-in). */
  expires_at: string;
  revoked_at: string | null;
}

/** One event on a work order's history (migration 0017). */
export interface WorkOrderEventsTable {
  id: Generated<number>;
  work_order_id: number;
  at: string;
  by_staff: string;
  /** 'follow_up' | 'phone' | 'late_explanation' | 'closed' | 'reopened' */
  type: string;
  action: string | null;
  note: string | null;
}
