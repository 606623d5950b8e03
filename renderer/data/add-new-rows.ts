import type { Table } from 'dexie';

/**
 * Adds, in one transaction, the rows whose ids the table does not hold yet; rows already there keep
 * their local state (a redelivered item is stored once). Returns the rows it added.
 */
export async function addNewRows<T extends { readonly id: string }>(table: Table<T, string>, rows: readonly T[]): Promise<T[]> {
  if (rows.length === 0) return [];
  return table.db.transaction('rw', table, async () => {
    const existing = await table.bulkGet(rows.map((r) => r.id));
    const add = rows.filter((_, i) => existing[i] === undefined);
    await table.bulkAdd(add);
    return add;
  });
}
