/**
 * Sync cursor: an opaque string to the workstation. It encodes the last change sequence the
 * workstation has seen; `null` asks for a full snapshot of the agent's queue.
 */
export type SyncCursor = string;

const CURSOR = /^c1-(\d{1,15})$/;

/** Encodes a change sequence number as a cursor. */
export function encodeCursor(seq: number): SyncCursor {
  return `c1-${Math.max(0, Math.trunc(seq))}`;
}

/** Decodes a cursor; `undefined` when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  const m = CURSOR.exec(cursor);
  return m ? Number(m[1]) : undefined;
}
