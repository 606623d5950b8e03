import type { PhoneCorrection } from './records';

/** One number as the case view lists it: where it came from and whether it is still current. */
export interface PhoneEntry {
  readonly number: string;
  /** `file`: from the core system; `correction`: added at a desk. */
  readonly source: 'file' | 'correction';
  /** The correction that replaced it (the number itself is kept, never overwritten). */
  readonly replacedBy: PhoneCorrection | null;
  /** The correction that added it. */
  readonly addedBy: PhoneCorrection | null;
}

/**
 * Builds the phone list of a case: every number on file plus every correction, in order. A
 * corrected number stays in the list, marked with who replaced it when; the replacement follows it.
 */
export function phoneBook(onFile: readonly string[], corrections: readonly PhoneCorrection[]): PhoneEntry[] {
  const sorted = [...corrections].sort((a, b) => a.at.localeCompare(b.at));
  const entries: PhoneEntry[] = onFile.map((number) => ({ number, source: 'file', replacedBy: null, addedBy: null }));
  for (const c of sorted) {
    const i = entries.findIndex((e) => e.number === c.original && e.replacedBy === null);
    if (i >= 0) entries[i] = { ...entries[i], replacedBy: c };
    if (c.corrected !== '') entries.push({ number: c.corrected, source: 'correction', replacedBy: null, addedBy: c });
  }
  return entries;
}
