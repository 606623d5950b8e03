/**
 * Red flags detected when a batch of cases is imported (docs/domain.md §7; 核实件 kinds of §6):
 * - a policyholder without any phone number, or with a malformed one;
 * - one number shared by three or more unrelated policyholders (a policyholder and the insured of
 *   their own policy count as related; the same person on several policies counts once);
 * - the policyholder's number equals the selling agent's on a policy that is not the agent's own.
 */

import type { PolicyCase } from './case';
import { maskPhone } from './masking';
import type { Message } from './message';
import type { VerificationKind } from './outcome/outcome-scheme';
import { parsePhone, PHONE_PROBLEM_TEXT } from './phone';

/** Red-flag codes. */
export type RedFlagCode = 'phone_missing' | 'phone_malformed' | 'shared_number' | 'agent_phone_match';

/** One red flag on a policy. */
export interface RedFlag {
  readonly code: RedFlagCode;
  readonly message: Message;
  /** The number concerned, masked for display. */
  readonly phone: string | null;
  /** The verification kind the flag points to. */
  readonly verificationKind: VerificationKind;
}

/** The flags of one policy (possibly none), in input order. */
export interface PolicyRedFlags {
  readonly policyNo: string;
  readonly flags: readonly RedFlag[];
}

/** Options of `detectRedFlags`. */
export interface RedFlagOptions {
  /** Unrelated policyholders on one number that raise the flag. Default 3. */
  readonly sharedThreshold?: number;
}

function personKey(idType: string | undefined, idNumber: string | undefined, fallback: string): string {
  return idType && idNumber ? `${idType}:${idNumber.toUpperCase()}` : fallback;
}

/** Detects red flags over a batch; returns one entry per input case, in order. */
export function detectRedFlags(cases: readonly PolicyCase[], options: RedFlagOptions = {}): PolicyRedFlags[] {
  const threshold = options.sharedThreshold ?? 3;
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root && parent.has(root)) root = parent.get(root) as string;
    let cur = k;
    while (cur !== root) {
      const next = parent.get(cur) as string;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const add = (k: string): void => {
    if (!parent.has(k)) parent.set(k, k);
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };

  const flags: RedFlag[][] = cases.map(() => []);
  const numbersOf: string[][] = [];
  const holderOf: string[] = [];
  cases.forEach((c, i) => {
    const h = c.policyholder;
    const holder = personKey(h.idType, h.idNumber, `policy:${c.policyNo}`);
    holderOf.push(holder);
    add(holder);
    if (c.insured.relationship !== 'self') {
      const insured = personKey(c.insured.idType, c.insured.idNumber, `insured:${c.policyNo}`);
      add(insured);
      union(holder, insured);
    }
    const numbers: string[] = [];
    const nonEmpty = h.phones.filter((p) => p.trim() !== '');
    if (nonEmpty.length === 0) {
      flags[i].push({
        code: 'phone_missing',
        message: { zh: '投保人无联系电话', en: 'the policyholder has no phone number' },
        phone: null,
        verificationKind: 'wrong_number',
      });
    }
    for (const raw of nonEmpty) {
      const p = parsePhone(raw);
      if (p.ok) numbers.push(p.normalized);
      else {
        const why = PHONE_PROBLEM_TEXT[p.problem];
        flags[i].push({
          code: 'phone_malformed',
          message: { zh: `投保人电话格式错误：${why.zh}`, en: `malformed policyholder phone: ${why.en}` },
          phone: maskPhone(raw),
          verificationKind: 'wrong_number',
        });
      }
    }
    numbersOf.push([...new Set(numbers)]);
  });

  const holdersByNumber = new Map<string, Set<string>>();
  numbersOf.forEach((numbers, i) => {
    const root = find(holderOf[i]);
    for (const n of numbers) {
      let set = holdersByNumber.get(n);
      if (!set) holdersByNumber.set(n, (set = new Set()));
      set.add(root);
    }
  });

  cases.forEach((c, i) => {
    for (const n of numbersOf[i]) {
      const count = holdersByNumber.get(n)?.size ?? 0;
      if (count >= threshold) {
        flags[i].push({
          code: 'shared_number',
          message: { zh: `该号码被${count}名无关联投保人共用`, en: `this number is shared by ${count} unrelated policyholders` },
          phone: maskPhone(n),
          verificationKind: 'shared_number',
        });
      }
    }
    const agentPhone = parsePhone(c.agent.phone);
    if (agentPhone.ok && numbersOf[i].includes(agentPhone.normalized) && !isAgentsOwnPolicy(c)) {
      flags[i].push({
        code: 'agent_phone_match',
        message: {
          zh: '投保人电话与业务员电话相同（非业务员本人保单）',
          en: "the policyholder's number is the selling agent's, on a policy that is not the agent's own",
        },
        phone: maskPhone(agentPhone.normalized),
        verificationKind: 'shared_number',
      });
    }
  });

  return cases.map((c, i) => ({ policyNo: c.policyNo, flags: flags[i] }));
}

/**
 * True when the policy is the agent's own (self-insured): by ID number when the core system gives
 * the agent's, otherwise by name — a weaker test that can hide a flag when names coincide.
 */
export function isAgentsOwnPolicy(c: PolicyCase): boolean {
  if (c.agent.idNumber !== undefined) return c.agent.idNumber.toUpperCase() === c.policyholder.idNumber.toUpperCase();
  return c.agent.name === c.policyholder.name;
}
