/** Row shapes of the shared live board (migration 0021); `CenterDatabase` in db-schema.ts collects them. */

/** An agent's last published live state: JSON `LiveState`, received at epoch ms. */
export interface LiveStatesTable {
  staff_no: string;
  team: string;
  state: string;
  /** Epoch ms; PostgreSQL returns bigint as a string (read with `toNum`). */
  received_at: number | string;
}

/** A spent monitor grant's nonce, kept until the grant would have expired. */
export interface MonitorGrantUsesTable {
  nonce: string;
  expires_at: number | string;
}

/** The lead barging into an agent's call (the call is the live state's `call.since`). */
export interface LiveBargesTable {
  agent: string;
  lead: string;
  call_since: string;
}

/**
 * When an agent's desk status began (migration 0029): `status` a live status or `signed_out`,
 * `since` the desk's ISO time, `pause_reason` the 示忙 reason while paused.
 */
export interface DeskStatusLogTable {
  staff_no: string;
  since: string;
  status: string;
  pause_reason: string | null;
  /** When the desk was last heard in this status (ISO; refreshed at most once a minute), null before. */
  until: string | null;
}

/** The shared live board's tables (part of `CenterDatabase`). */
export interface LiveTables {
  desk_status_log: DeskStatusLogTable;
  live_states: LiveStatesTable;
  monitor_grant_uses: MonitorGrantUsesTable;
  live_barges: LiveBargesTable;
}
