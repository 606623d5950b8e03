/**
 * Deterministic batches of varied synthetic cases (for benchmarks, demos and load tests), built
 * on `makeCase`: all people obviously fake (area code 999999, names ending in 测试).
 */

import { addDays } from './calendar/iso-date';
import type { PolicyCase } from './case';
import { makeCase } from './fixtures';
import { makeResidentId } from './resident-id';

/** Small seeded PRNG (mulberry32): same seed, same batch. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const DESIGNS = ['traditional', 'traditional', 'dividend', 'universal', 'investment_linked'] as const;
const CHANNELS = ['agency', 'agency', 'bancassurance', 'telesales', 'internet', 'broker'] as const;

/**
 * `count` valid synthetic cases with varied channel, design, premium mode, term, ages and dates
 * (applications from 2025-01-01 over about two years, so some schedules reach into 2027 and come
 * back calendar-uncertain). About 1 in 200 shares a phone number and 1 in 100 has a malformed one.
 */
export function generateCases(count: number, seed = 1): PolicyCase[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: PolicyCase[] = [];
  for (let i = 0; i < count; i++) {
    const gender = rnd() < 0.5 ? 'male' : 'female';
    const birthDate = addDays('1945-01-01', Math.floor(rnd() * 365 * 55));
    const application = addDays('2025-01-01', Math.floor(rnd() * 700));
    const underwriting = addDays(application, 1 + Math.floor(rnd() * 3));
    const signed = rnd() < 0.9 ? addDays(underwriting, 1 + Math.floor(rnd() * 10)) : undefined;
    const channel = pick(CHANNELS);
    const single = rnd() < 0.3;
    const r = rnd();
    const phone = r < 0.005 ? '13900000000' : r < 0.015 ? '8765432' : `13${String(10_000_000_00 + i).slice(-9)}`;
    out.push(
      makeCase({
        policyNo: `S${String(i).padStart(9, '0')}`,
        product: { design: pick(DESIGNS), line: rnd() < 0.2 ? 'health' : 'life', longTermHealth: rnd() < 0.1 },
        term: rnd() < 0.05 ? { unit: 'years', value: 1 } : { unit: 'years', value: 5 + Math.floor(rnd() * 30) },
        premium: single
          ? { mode: 'single', frequency: undefined, paymentYears: 1, amount: 10_000 + Math.floor(rnd() * 90_000), nextDueDate: undefined }
          : {
              mode: 'regular',
              frequency: 'annual',
              paymentYears: pick([3, 5, 10, 20]),
              amount: 1_000 + Math.floor(rnd() * 20_000),
              nextDueDate: addDays(underwriting, 365),
            },
        channel: channel === 'bancassurance' ? { kind: channel, bank: '测试银行', outlet: '样例支行' } : { kind: channel },
        branch: { code: `B${String(1 + (i % 20)).padStart(3, '0')}`, name: '测试分公司' },
        agent: { code: `A${i % 500}`, name: '王测试', phone: `137${String(i % 500).padStart(8, '0')}` },
        policyholder: {
          name: `${pick(SURNAMES)}测试`,
          gender,
          birthDate,
          idNumber: makeResidentId(birthDate, gender, i),
          phones: [phone],
        },
        dates: {
          application,
          underwriting,
          print: underwriting,
          receiptSigned: signed,
          receiptEntered: signed && addDays(signed, 2),
          receiptWrittenOff: signed && addDays(signed, 3),
        },
        recordedSale: rnd() < 0.3,
      }),
    );
  }
  return out;
}
