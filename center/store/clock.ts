/** Current time as ISO text; one place so tests can reason about it. */
export function nowIso(): string {
  return new Date().toISOString();
}
