import { daysInMonth, type IsoDate } from '../../shared/domain/calendar/iso-date';
import type { premiumFrequencies } from '../../shared/domain/case';

/*
 * The demo's synthetic policyholders. Names are ordinary-looking but made up from two short lists, so
 * masked names differ from row to row (a screen of "测***" shows nothing about masking); the ID
 * numbers stay in the non-existent area 999999 and the phones in 1390000xxxx, so no real person is named.
 */
const SURNAMES = [
  '赵',
  '钱',
  '孙',
  '李',
  '周',
  '吴',
  '郑',
  '王',
  '冯',
  '陈',
  '褚',
  '卫',
  '蒋',
  '沈',
  '韩',
  '杨',
  '朱',
  '秦',
  '尤',
  '许',
  '何',
  '吕',
  '施',
  '张',
];
const GIVEN = [
  '子涵',
  '一鸣',
  '雨桐',
  '浩然',
  '思远',
  '欣怡',
  '俊杰',
  '静怡',
  '志强',
  '晓燕',
  '建国',
  '丽华',
  '文博',
  '佳琪',
  '国庆',
  '秀英',
  '明轩',
  '梓萱',
  '海涛',
  '玉兰',
];

type Frequency = (typeof premiumFrequencies)[number];
const MONTHS: Record<Frequency, number> = { annual: 12, semiannual: 6, quarterly: 3, monthly: 1 };

export interface DemoPerson {
  readonly name: string;
  readonly gender: 'male' | 'female';
  readonly birthDate: IsoDate;
  /** Sequence digits of the resident ID (with the birth date they make each ID distinct). */
  readonly idSequence: number;
}

/** The `i`-th demo policyholder (1-based). Every fifth is 60 or older, so the age rule shows in the script. */
export function demoPerson(i: number): DemoPerson {
  const senior = i % 5 === 0;
  const year = senior ? 1952 + (i % 9) : 1970 + ((i * 7) % 26);
  const month = 1 + ((i * 5) % 12);
  const day = 1 + ((i * 11) % 28);
  return {
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
    gender: i % 2 ? 'male' : 'female',
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    idSequence: 10 + (i % 90),
  };
}

/** The `i`-th demo policy's way of paying: most pay yearly, some monthly or quarterly. */
export function demoFrequency(i: number): Frequency {
  return i % 4 === 1 ? 'monthly' : i % 7 === 2 ? 'quarterly' : 'annual';
}

/** The next premium after the first (paid at application): one period later, month-end clamped. */
export function nextPremiumDue(application: IsoDate, frequency: Frequency): IsoDate {
  const [y, m, d] = application.split('-').map(Number);
  const months = y * 12 + (m - 1) + MONTHS[frequency];
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
