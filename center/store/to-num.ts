/**
 * Reads a number the database returned. PostgreSQL gives bigint columns and count()/sum()
 * as strings, SQLite as numbers; null/undefined become 0.
 */
export function toNum(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number from the database: ${String(value)}`);
  return n;
}
