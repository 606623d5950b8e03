import { createHmac, randomBytes } from 'node:crypto';
import { openClaims, signClaims } from '../auth/signed-claims';
import { MONITOR_GRANT_TTL_SECONDS, monitorModeSchema, type MonitorMode, type MonitorRefusal } from '../../shared/sync';
import { BargeLedger, type Barges } from './barge-ledger';

/** What a grant says: who may listen to whom, until when. */
export interface MonitorClaims {
  /** The lead's staff number. */
  readonly lead: string;
  /** The agent's staff number. */
  readonly agent: string;
  /** Random id: a grant is accepted once. */
  readonly nonce: string;
  /** Seconds since epoch. */
  readonly exp: number;
  /** What the lead may do on the leg. */
  readonly mode: MonitorMode;
}

/** Result of checking a grant. */
export type GrantCheck =
  | { readonly ok: true; readonly claims: MonitorClaims }
  | { readonly ok: false; readonly reason: Exclude<MonitorRefusal, 'lead_inactive' | 'not_in_call' | 'barge_taken'> };

/** The ledger of spent grant nonces: in memory for one process, in the database for several. */
export interface SpentNonces {
  /** Records `nonce` as spent until `expiresAt` (ms); false when it already was. */
  spend(nonce: string, expiresAt: number, now: number): Promise<boolean>;
}

/** Spent nonces in this process's memory (a single centre process). */
class MemorySpentNonces implements SpentNonces {
  private readonly used = new Map<string, number>();

  async spend(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    for (const [n, exp] of this.used) if (exp <= now) this.used.delete(n);
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }
}

/** Where a centre keeps spent nonces and barge holdings; memory of this process by default. */
export interface MonitorLedgers {
  readonly spent: SpentNonces;
  readonly barges: Barges;
}

/**
 * Issues and checks listen-in grants: `mg1.<claims base64url>.<HMAC-SHA256 base64url>`, signed with
 * a key derived from the centre's token secret (so a grant never passes as an access token and
 * vice versa, and grants of another centre never verify). Each grant is accepted once; the
 * ledger of used nonces is in memory for a single process, in the database when several centre
 * processes share one PostgreSQL (center/live/shared-ledgers.ts).
 */
export class MonitorGrants {
  private readonly key: Buffer;
  private readonly spent: SpentNonces;
  /** Who barges into which call (checked when a barge grant is issued and when it is verified). */
  readonly barges: Barges;

  constructor(
    tokenSecret: Buffer,
    private readonly now: () => number = Date.now,
    private readonly ttlSec = MONITOR_GRANT_TTL_SECONDS,
    ledgers: MonitorLedgers = { spent: new MemorySpentNonces(), barges: new BargeLedger() },
  ) {
    this.spent = ledgers.spent;
    this.barges = ledgers.barges;
    this.key = createHmac('sha256', tokenSecret).update('huifang monitor grant v1').digest();
  }

  /** A grant for `lead` to listen to (or coach, per `mode`) `agent`; `expiresAt` in ms. */
  issue(lead: string, agent: string, mode: MonitorMode = 'listen'): { grant: string; expiresAt: number } {
    const exp = Math.floor(this.now() / 1000) + this.ttlSec;
    const claims: MonitorClaims = { lead, agent, nonce: randomBytes(9).toString('base64url'), exp, mode };
    return { grant: signClaims(this.key, 'mg1', claims), expiresAt: exp * 1000 };
  }

  /** Checks signature, expiry and that it names `agent`; an accepted grant is spent. */
  async accept(grant: string, agent: string): Promise<GrantCheck> {
    const claims = openClaims(this.key, 'mg1', grant) as MonitorClaims | null;
    if (claims === null || typeof claims !== 'object') return { ok: false, reason: 'bad_signature' };
    const mode = monitorModeSchema.safeParse(claims.mode);
    if (
      typeof claims.lead !== 'string' ||
      typeof claims.agent !== 'string' ||
      typeof claims.nonce !== 'string' ||
      typeof claims.exp !== 'number' ||
      !mode.success
    ) {
      return { ok: false, reason: 'bad_signature' };
    }
    const nowMs = this.now();
    if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
    if (claims.agent !== agent) return { ok: false, reason: 'wrong_agent' };
    if (!(await this.spent.spend(claims.nonce, claims.exp * 1000, nowMs))) return { ok: false, reason: 'already_used' };
    return { ok: true, claims };
  }
}
