import type { AuthService } from './auth/auth-service';
import type { Store } from './store/open-store';
import type { ChangeNotifier } from './server/change-notifier';
import type { WallboardHub } from './reports/wallboard-hub';
import type { ColumnMapping } from './import/column-mapping';
import type { LiveRegistry } from './live/live-registry';
import type { MonitorGrants } from './live/monitor-grants';
import type { ArchiveService } from './archive/archive-service';
import type { ArchiveIntegrityJob } from './archive/integrity-job';

/** Limits and settings of a running centre. */
export interface CenterLimits {
  /** Largest JSON request body (bytes). */
  readonly maxJsonBytes: number;
  /** Largest import upload (bytes). */
  readonly maxUploadBytes: number;
  /** Most data rows one import file may have. */
  readonly maxImportRows: number;
  /** How long an approved recording export stays downloadable (hours; README "Recording exports"). */
  readonly exportValidHours: number;
  /** Sign-in attempts per minute from one address for one staff number; past it `rate_limited` (429). */
  readonly signInPerMinute: number;
}

export const DEFAULT_LIMITS: CenterLimits = {
  maxJsonBytes: 1024 * 1024,
  maxUploadBytes: 64 * 1024 * 1024,
  maxImportRows: 200_000,
  exportValidHours: 24,
  signInPerMinute: 20,
};

/** Everything a request handler needs; built once by `startCenter`. */
export interface CenterContext {
  readonly store: Store;
  readonly auth: AuthService;
  readonly notifier: ChangeNotifier;
  /** The wallboard's totals pushed to the consoles showing it, recomputed on changes (center/reports/wallboard-hub.ts). */
  readonly wallboard: WallboardHub;
  /** Agents' live states for the team leads' board (memory; shared through PostgreSQL by center/live/pg-live-relay.ts). */
  readonly live: LiveRegistry;
  /** Team leads' listen-in grants (spent nonces and barges in memory on SQLite, in the store on PostgreSQL). */
  readonly monitor: MonitorGrants;
  readonly limits: CenterLimits;
  /** The evidence archive (blob store and keys in the data directory); null when none is configured. */
  readonly archive: ArchiveService | null;
  /** The archive's integrity check (scheduled by `startCenter`, on demand by admins); null without an archive. */
  readonly integrity: ArchiveIntegrityJob | null;
  readonly mapping: ColumnMapping;
  /** Today's date (YYYY-MM-DD) for schedules and escalation; injectable for tests. */
  readonly today: () => string;
  /** CJK font for printed call-back letters (center/visits/letter-pdf.ts). */
  readonly letterFontPath: string;
}
