const WEEKDAYS = '日一二三四五六';

/**
 * A local time in zh-CN words for reading back to the customer, e.g. `11月25日 周三 17:30`
 * (the native datetime-local input shows the browser's locale, which may not be Chinese).
 * Empty for an invalid time.
 */
export function zhTimeWords(at: Date): string {
  if (Number.isNaN(at.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getMonth() + 1}月${at.getDate()}日 周${WEEKDAYS[at.getDay()]} ${p(at.getHours())}:${p(at.getMinutes())}`;
}
