/** A client-generated id (UUID v4) for attempts, results, sessions and outbox entries. */
export function newId(): string {
  return crypto.randomUUID();
}
