import type { PolicyCase } from '../../../shared/domain/case';
import { callingVerdict } from '../../../shared/domain/calling-window';
import { isTrainingPolicy } from '../../../shared/domain/training-cases';
import { bookedCallbackTimes } from '../../data/callback-repo';
import { readDeskCalendar } from '../../data/desk-calendar';
import type { HuifangDb } from '../../data/huifang-db';
import { readSetting } from '../../data/settings-repo';
import { messages } from '../../i18n/messages';
import type { SoftphoneLine } from '../softphone/softphone-state';

/** What the calling hours say about a dial: refused (why, and from when), or allowed with an optional log line. */
export type CallingCheck = { readonly refusal: string; readonly note: null } | { readonly refusal: null; readonly note: string | null };

/**
 * Checks a dial against the centre's calling hours (cached with the desk settings, so offline too)
 * in the policyholder's local time: region by the number dialled, then by the selling branch. A
 * dial outside them is refused with the reason and when the case becomes dialable; one within the
 * tolerance of a callback the policyholder booked is allowed and returns the line that goes into
 * the attempt's note (约定时间外呼), so the exception can be audited.
 */
export async function checkCallingHours(db: HuifangDb, policyNo: string, policy: PolicyCase, number: string, now: Date): Promise<CallingCheck> {
  const [hours, calendar, bookedCallbacks] = await Promise.all([readSetting(db, 'callingHours'), readDeskCalendar(db), bookedCallbackTimes(db, policyNo)]);
  const verdict = callingVerdict(hours, { branchCode: policy.branch.code, number }, now, { bookedCallbacks, calendar });
  const text = messages.callingHours;
  if (!verdict.allowed) return { refusal: text.refused(verdict.reason, text.opensWhen(verdict.opensAt, now)), note: null };
  return { refusal: null, note: verdict.byCallback && verdict.callbackAt ? text.byCallback(verdict.callbackAt, verdict.rules) : null };
}

/**
 * Checks a dial against the line the desk is on, then the calling hours. A practice case is dialled
 * on the training line only and a real one never on it: a real policyholder must not meet a
 * simulated switchboard (空号 recorded against a real case), nor a practice call reach a real network.
 * Practice reaches nobody, so the calling hours do not apply to it.
 */
export async function checkDial(db: HuifangDb, policyNo: string, policy: PolicyCase, number: string, now: Date, line: SoftphoneLine): Promise<CallingCheck> {
  const training = isTrainingPolicy(policyNo);
  if (training !== (line === 'training'))
    return { refusal: training ? messages.visit.trainingCaseNeedsTrainingLine : messages.visit.trainingLineOnlyPractice, note: null };
  return training ? { refusal: null, note: null } : checkCallingHours(db, policyNo, policy, number, now);
}
