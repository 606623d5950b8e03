/**
 * Cross-field checks of a policy case: rules that relate two or more fields and so cannot be
 * stated on one field of the schema. Written defensively over `unknown` input so that
 * `parseCase` can report them together with field errors, in one list.
 */

import { isIsoDate } from './calendar/iso-date';
import type { Message } from './message';
import { readResidentId } from './resident-id';

/** One cross-field finding: where (dotted path) and why, in both languages. */
export interface CrossFieldIssue {
  /** Path segments of the field the finding is reported on. */
  readonly path: readonly (string | number)[];
  /** Why the value is wrong. */
  readonly message: Message;
}

type Rec = Record<string, unknown>;

function rec(v: unknown): Rec | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined;
}

function date(v: unknown): string | undefined {
  return isIsoDate(v) ? v : undefined;
}

/** Date pairs that must be in order: [earlier field, later field, zh name, en name]. */
const DATE_ORDER: readonly [string, string, string, string][] = [
  ['application', 'underwriting', '承保日期不能早于投保日期', 'underwriting date is before the application date'],
  ['underwriting', 'print', '保单打印日期不能早于承保日期', 'print date is before the underwriting date'],
  ['underwriting', 'receiptSigned', '回执签收日期不能早于承保日期', 'receipt signing date is before the underwriting date'],
  ['receiptSigned', 'receiptEntered', '回执录入日期不能早于回执签收日期', 'receipt entry date is before the receipt signing date'],
  ['receiptSigned', 'receiptWrittenOff', '回执核销日期不能早于回执签收日期', 'receipt write-off date is before the receipt signing date'],
];

/**
 * Findings across fields of a (possibly invalid) case: date order, premium mode vs frequency,
 * bank name on bancassurance, personal data required for an individual policyholder, resident ID
 * number agreeing with birth date and gender, the insured's own data when not the policyholder.
 */
export function crossFieldIssues(input: unknown): CrossFieldIssue[] {
  const out: CrossFieldIssue[] = [];
  const c = rec(input);
  if (!c) return out;
  const add = (path: (string | number)[], zh: string, en: string): void => {
    out.push({ path, message: { zh, en } });
  };

  const dates = rec(c.dates);
  if (dates) {
    for (const [a, b, zh, en] of DATE_ORDER) {
      const da = date(dates[a]);
      const db = date(dates[b]);
      if (da && db && db < da) add(['dates', b], zh, en);
    }
  }

  const premium = rec(c.premium);
  if (premium) {
    if (premium.mode === 'regular' && premium.frequency === undefined) {
      add(['premium', 'frequency'], '期缴保单必须填写缴费频率', 'a regular-premium policy needs a payment frequency');
    }
    if (premium.mode === 'single' && premium.frequency !== undefined) {
      add(['premium', 'frequency'], '趸交保单不应有缴费频率', 'a single-premium policy has no payment frequency');
    }
    if (premium.mode === 'single' && typeof premium.paymentYears === 'number' && premium.paymentYears !== 1) {
      add(['premium', 'paymentYears'], '趸交保单的缴费年限应为1', 'a single-premium policy is paid in 1 year');
    }
  }

  const channel = rec(c.channel);
  if (channel && channel.kind === 'bancassurance' && (typeof channel.bank !== 'string' || channel.bank.trim() === '')) {
    add(['channel', 'bank'], '银保渠道必须填写代理银行', 'a bancassurance policy needs the bank name');
  }

  const holder = rec(c.policyholder);
  const appDate = dates ? date(dates.application) : undefined;
  if (holder) {
    if (holder.kind === 'individual') {
      if (holder.gender === undefined) add(['policyholder', 'gender'], '个人投保人必须填写性别', 'an individual policyholder needs a gender');
      if (holder.birthDate === undefined) add(['policyholder', 'birthDate'], '个人投保人必须填写出生日期', 'an individual policyholder needs a birth date');
    }
    const birth = date(holder.birthDate);
    if (birth && appDate && birth > appDate) {
      add(['policyholder', 'birthDate'], '出生日期晚于投保日期', 'birth date is after the application date');
    }
    checkResidentId(holder, ['policyholder'], add);
  }

  const insured = rec(c.insured);
  if (insured) {
    if (insured.relationship === 'self') {
      if (holder && holder.kind === 'organisation') {
        add(['insured', 'relationship'], '单位投保人不能是被保险人本人', 'an organisation cannot be its own insured');
      }
    } else if (typeof insured.relationship === 'string') {
      for (const f of ['name', 'gender', 'birthDate', 'idType', 'idNumber']) {
        if (insured[f] === undefined) {
          add(['insured', f], '被保险人不是投保人本人时必须填写其信息', 'when the insured is not the policyholder their own data is required');
        }
      }
      checkResidentId(insured, ['insured'], add);
    }
  }
  return out;
}

function checkResidentId(person: Rec, at: string[], add: (path: (string | number)[], zh: string, en: string) => void): void {
  if (person.idType !== 'resident_id' || typeof person.idNumber !== 'string') return;
  const info = readResidentId(person.idNumber);
  if (!info.ok) {
    const why = {
      format: ['身份证号码应为18位（最后一位可为X）', 'a resident ID number has 18 characters (last may be X)'],
      birth_date: ['身份证号码中的出生日期无效', 'the birth date inside the resident ID number is not a real date'],
      checksum: ['身份证号码校验位错误', 'the resident ID number check character is wrong'],
    }[info.why];
    add([...at, 'idNumber'], why[0], why[1]);
    return;
  }
  if (isIsoDate(person.birthDate) && person.birthDate !== info.birthDate) {
    add([...at, 'birthDate'], '出生日期与身份证号码不一致', 'birth date does not match the resident ID number');
  }
  if ((person.gender === 'male' || person.gender === 'female') && person.gender !== info.gender) {
    add([...at, 'gender'], '性别与身份证号码不一致', 'gender does not match the resident ID number');
  }
}
