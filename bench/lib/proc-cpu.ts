import { readFileSync, readdirSync } from 'node:fs';

/** Linux USER_HZ: /proc reports CPU time in these ticks. */
export const CLK_TCK = 100;

/** utime + stime (clock ticks) of `pid` alone. */
export function ownTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** utime + stime (clock ticks) of `pid` and all its descendants, from /proc. */
export function treeTicks(pid: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      /* process ended */
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.pop()!;
    total += ticks.get(p) ?? 0;
    for (const [child, parent] of parents) if (parent === p) queue.push(child);
  }
  return total;
}
