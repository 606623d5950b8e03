/**
 * The policy case as extracted from the core system (核心系统清单): the unit a call-back visit is
 * about. Validated with zod at every boundary; `parseCase` turns bad input into one readable,
 * bilingual list of problems (field, value, why) instead of throwing.
 */

import { z } from 'zod';
import { isIsoDate, type IsoDate } from './calendar/iso-date';
import { crossFieldIssues } from './case-checks';
import { describeIssue } from './case-problem-text';
import type { Message } from './message';

const text = z.string().trim().min(1);
const isoDate = z.string().refine(isIsoDate, {
  message: 'not a real date in YYYY-MM-DD form',
  params: { zh: '不是有效日期（格式应为 YYYY-MM-DD）' },
});

/** Product design types (险种设计类型) — they decide which disclosure questions apply. */
export const productDesigns = ['traditional', 'dividend', 'universal', 'investment_linked'] as const;
/** Sales channels (销售渠道). */
export const channelKinds = ['agency', 'bancassurance', 'telesales', 'internet', 'broker'] as const;
/** Identity document types (证件类型). */
export const idTypes = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_resident',
  'military',
  'birth_certificate',
  'unified_social_credit_code',
  'other',
] as const;
/** Relationship of the insured to the policyholder (与投保人关系). */
export const relationships = ['self', 'spouse', 'child', 'parent', 'other'] as const;
/** Regular-premium payment frequencies (缴费频率). */
export const premiumFrequencies = ['annual', 'semiannual', 'quarterly', 'monthly'] as const;

/** Insurance term (保险期间): a fixed length, to an age, or whole life. */
export const termSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('days'), value: z.number().int().positive() }),
  z.object({ unit: z.literal('months'), value: z.number().int().positive() }),
  z.object({ unit: z.literal('years'), value: z.number().int().positive() }),
  z.object({ unit: z.literal('to_age'), value: z.number().int().positive().max(150) }),
  z.object({ unit: z.literal('whole_life') }),
]);

const gender = z.enum(['male', 'female']);

/**
 * zod schema of a policy case. Personal data requirements that depend on other fields (individual
 * vs organisation policyholder, insured ≠ policyholder, resident ID checksum) and date order are
 * checked in `crossFieldIssues` and reported through the same list.
 */
export const caseSchema = z
  .object({
    /** Internal row id (optional); `policyNo` is the key. */
    id: text.optional(),
    policyNo: text.max(40),
    product: z.object({
      code: text,
      name: text,
      design: z.enum(productDesigns),
      line: z.enum(['life', 'health']),
      /** Long-term individual health insurance (长期健康险: 健康保险管理办法). */
      longTermHealth: z.boolean(),
    }),
    term: termSchema,
    premium: z.object({
      mode: z.enum(['single', 'regular']),
      frequency: z.enum(premiumFrequencies).optional(),
      /** 缴费年限; 1 for single premium. */
      paymentYears: z.number().int().min(1).max(100),
      /** Premium per payment, yuan. */
      amount: z.number().positive(),
      sumInsured: z.number().nonnegative(),
      nextDueDate: isoDate.optional(),
    }),
    channel: z.object({
      kind: z.enum(channelKinds),
      bank: text.optional(),
      outlet: text.optional(),
    }),
    branch: z.object({ code: text, name: text }),
    agent: z.object({
      code: text,
      name: text,
      phone: z.string().optional(),
      /** The agent's own ID number when the core system gives it (to spot the agent's own policy). */
      idNumber: text.optional(),
    }),
    policyholder: z.object({
      kind: z.enum(['individual', 'organisation']),
      name: text,
      gender: gender.optional(),
      birthDate: isoDate.optional(),
      idType: z.enum(idTypes),
      idNumber: text,
      /** Raw phone numbers as the core system holds them (checked by red flags, not here). */
      phones: z.array(z.string()).max(10),
      address: z.string().optional(),
      postcode: z.string().optional(),
    }),
    insured: z.object({
      relationship: z.enum(relationships),
      name: text.optional(),
      gender: gender.optional(),
      birthDate: isoDate.optional(),
      idType: z.enum(idTypes).optional(),
      idNumber: text.optional(),
    }),
    dates: z.object({
      application: isoDate,
      underwriting: isoDate,
      print: isoDate.optional(),
      /** 保单回执签署日: the cooling-off period counts from the day after. */
      receiptSigned: isoDate.optional(),
      /** 回执录入日. */
      receiptEntered: isoDate.optional(),
      /** 回执核销/回销日. */
      receiptWrittenOff: isoDate.optional(),
    }),
    /** The sale was audio/video recorded (双录, 可回溯办法). */
    recordedSale: z.boolean(),
    /** The contract's own cooling-off length in days, when the policy data give it. */
    coolingOffDays: z.number().int().min(1).max(366).optional(),
  })
  .superRefine((value, ctx) => {
    for (const issue of crossFieldIssues(value)) {
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message.en, params: { zh: issue.message.zh } });
    }
  });

/** A validated policy case. */
export type PolicyCase = z.infer<typeof caseSchema>;

/** One thing wrong with an input case: the dotted field path, the value found, and why. */
export interface CaseProblem {
  /** Dotted path, e.g. `policyholder.birthDate` or `policyholder.phones.0`. */
  readonly path: string;
  /** The value found at that path (`undefined` when missing). */
  readonly value: unknown;
  /** Why it is wrong, in Chinese and English. */
  readonly message: Message;
}

/** Result of `parseCase`: the case, or every problem found. */
export type ParseCaseResult = { readonly ok: true; readonly value: PolicyCase } | { readonly ok: false; readonly problems: CaseProblem[] };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Validates raw input (an import row mapped to the case shape, an IPC payload …). Never throws;
 * on failure returns every field problem and every cross-field problem in one list.
 */
export function parseCase(input: unknown): ParseCaseResult {
  const parsed = caseSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: CaseProblem[] = [];
  const seen = new Set<string>();
  const push = (path: readonly PropertyKey[], message: Message): void => {
    const key = `${path.join('.')}|${message.en}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ path: path.map(String).join('.'), value: valueAt(input, path), message });
  };
  for (const issue of parsed.error.issues) push(issue.path, describeIssue(issue, valueAt(input, issue.path)));
  // zod skips the object-level refinement when a field fails; run the cross-field rules anyway
  // so the person fixing the row sees everything at once.
  for (const issue of crossFieldIssues(input)) push(issue.path, issue.message);
  return { ok: false, problems };
}

/** Age in completed years on `onDate` of someone born on `birthDate` (周岁). */
export function ageAt(birthDate: IsoDate, onDate: IsoDate): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The policyholder's age at the application date (投保时年龄), or `null` for an organisation. */
export function policyholderAge(c: PolicyCase): number | null {
  const birth = c.policyholder.birthDate;
  return birth === undefined ? null : ageAt(birth, c.dates.application);
}

/** True when the insured is someone other than the policyholder (and so signs separately). */
export function insuredIsSomeoneElse(c: PolicyCase): boolean {
  return c.insured.relationship !== 'self';
}
