import type { CallSession } from '../../../shared/ipc/channels/recording';

/**
 * Retention of call recordings. docs/domain.md §9 (seed rules): recordings kept ≥ 20 years; §11
 * (可回溯管理暂行办法 第13条): ≥ 10 years after the contract ends. The documents disagree, so the
 * default keeps the longer: until max(call + 20 years, contract end + 10 years). A whole-life
 * policy's contract end is not known at the call: with no contract end date the session is kept
 * indefinitely (until someone records the end date), never the shorter period by accident.
 */
export interface RetentionConfig {
  readonly yearsFromCall: number;
  readonly yearsAfterContractEnd: number;
}

/** Default retention (the longer of the two rules). */
export const DEFAULT_RETENTION: RetentionConfig = { yearsFromCall: 20, yearsAfterContractEnd: 10 };

/** Epoch ms before which a session may not be deleted; null = no end known (keep). */
export function retentionUntil(callAt: number, contractEndDate: string | null, config: RetentionConfig = DEFAULT_RETENTION): number | null {
  if (contractEndDate === null) return null;
  const fromCall = addYears(callAt, config.yearsFromCall);
  const [y, m, d] = contractEndDate.split('-').map(Number) as [number, number, number];
  // End of the contract's last day in China (UTC+8).
  const contractEnd = Date.UTC(y, m - 1, d + 1) - 8 * 3_600_000;
  return Math.max(fromCall, addYears(contractEnd, config.yearsAfterContractEnd));
}

function addYears(epochMs: number, years: number): number {
  const d = new Date(epochMs);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** Why a session may not be deleted now, or null when it may. */
export function retentionRefusal(session: CallSession, now: number): string | null {
  const r = session.retention;
  if (r.legalHold) return `该通话处于诉讼保全中，不能删除${r.legalHoldReason ? `（${r.legalHoldReason}）` : ''}。`;
  if (r.until === null) return '合同终止日未知，录音须永久保存，不能删除。';
  if (now < r.until) return `未到保存期限（${new Date(r.until).toISOString().slice(0, 10)} 前不得删除）。`;
  return null;
}

/** Days a desk keeps a recording's local audio after the centre acknowledged its archive, unless the centre says otherwise. */
export const DEFAULT_LOCAL_AUDIO_DAYS = 30;

/**
 * Why the local audio of `session` may not be deleted now, or null when it may. The evidence itself
 * is kept by the centre (its own retention above); the desk only frees its copy: never before the
 * centre acknowledged the archive (`archivedAt` null), never under a desk legal hold, and not before
 * `days` after the acknowledgement (0: right after it). The session record always stays.
 */
export function localAudioRefusal(session: CallSession, archivedAt: number | null, days: number, now: number): string | null {
  if (archivedAt === null) return 'not acknowledged by the centre';
  if (session.retention.legalHold) return 'legal hold';
  if (session.recording.state !== 'finalised') return 'no finalised recording';
  if (now < archivedAt + days * 86_400_000) return `kept until ${new Date(archivedAt + days * 86_400_000).toISOString()}`;
  return null;
}
