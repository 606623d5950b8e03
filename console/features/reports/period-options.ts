/** A report is of a month (YYYY-MM) or a year (YYYY). */
export type PeriodKind = 'month' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The periods offered in the picker, newest first: this month and the 23 before it, or this year
 * and the 4 before it. Periods not begun are never offered; the centre refuses them too.
 */
export function periodOptions(kind: PeriodKind, today: Date): string[] {
  const y = today.getFullYear();
  if (kind === 'year') return Array.from({ length: 5 }, (_, i) => String(y - i));
  return Array.from({ length: 24 }, (_, i) => {
    const d = new Date(y, today.getMonth() - i, 1);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  });
}

/** The period the screen opens on: `?period=` of the address when given (a shared link), else this month. */
export function initialPeriod(search: string, today: Date): string {
  const asked = new URLSearchParams(search).get('period');
  return asked ?? periodOptions('month', today)[0]!;
}
