/** Current time as ISO text; one place so tests can reason about it. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** The centre's local calendar date as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
