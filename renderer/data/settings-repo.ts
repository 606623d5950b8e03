import type { CallingHours } from '../../shared/domain/calling-hours';
import { DEFAULT_DESK_CONFIG, type BoardAlertLimits, type DeskConfig, type InboundCallers, type RosterResponse } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';

/** Typed settings stored in the cache, with their defaults. */
export interface CacheSettings {
  /** Sync cursor from the last complete pull (null: next pull is a snapshot). */
  syncCursor: string | null;
  /** Unreached attempts after which a case becomes a verification case. */
  maxAttempts: number;
  /** Staff number of the agent who last signed in here. */
  lastStaffNo: string | null;
  /** The team roster as last fetched from the centre (callbacks for a named colleague, offline too). */
  teamRoster: (RosterResponse & { readonly fetchedAt: string; readonly forStaffNo: string }) | null;
  /** The insurer's name the script says (placeholder {companyName}), from the centre's desk settings. */
  companyName: string;
  /**
   * Official holiday schedules the centre loaded for years the bundled calendar lacks, keyed by
   * year (from the desk settings): the desk's working calendar is built with them.
   */
  calendarYears: DeskConfig['calendarYears'];
  /** When cases may be dialled (the centre's desk settings; 09:00–21:00 Beijing time until it answers). */
  callingHours: CallingHours;
  /** Which inbound calls ring at a free desk: only callers matching a queued case, or any (desk settings). */
  inboundCallers: InboundCallers;
  /** Staff numbers an admin put on the training line (desk settings). */
  trainingAgents: readonly string[];
  /** Minutes after which the live board raises a call, a wrap-up or a pause (desk settings). */
  boardAlerts: BoardAlertLimits;
  /** Agents whose sessions main still queued itself (before uploads went through the outbox) were adopted into the outbox. */
  archiveAdoptedBy: readonly string[];
}

export const DEFAULT_SETTINGS: CacheSettings = {
  syncCursor: null,
  maxAttempts: DEFAULT_DESK_CONFIG.maxAttempts,
  lastStaffNo: null,
  teamRoster: null,
  companyName: DEFAULT_DESK_CONFIG.companyName,
  calendarYears: DEFAULT_DESK_CONFIG.calendarYears,
  callingHours: DEFAULT_DESK_CONFIG.callingHours,
  inboundCallers: DEFAULT_DESK_CONFIG.inboundCallers,
  trainingAgents: DEFAULT_DESK_CONFIG.trainingAgents,
  boardAlerts: DEFAULT_DESK_CONFIG.boardAlerts,
  archiveAdoptedBy: [],
};

/** Reads one setting (its default when unset). */
export async function readSetting<K extends keyof CacheSettings>(db: HuifangDb, key: K): Promise<CacheSettings[K]> {
  const row = await db.settings.get(key);
  return row === undefined ? DEFAULT_SETTINGS[key] : (row.value as CacheSettings[K]);
}

/** Writes one setting. */
export async function writeSetting<K extends keyof CacheSettings>(db: HuifangDb, key: K, value: CacheSettings[K]): Promise<void> {
  await db.settings.put({ key, value });
}
