import type { HuifangDb } from './huifang-db';
import { readCase } from './case-repo';
import { readCorrections } from './correct-phone';

/** Digits compared: a mobile's 11, or an area code and local number (a landline's last 11 at most). */
const COMPARED_DIGITS = 11;
/** Fewer digits than this identify nobody (an extension, a withheld number). */
const MIN_DIGITS = 7;

const tail = (n: string) => n.replace(/\D/g, '').slice(-COMPARED_DIGITS);

/**
 * The open case (in the queue) whose policyholder's number — as imported, or corrected at a desk —
 * is `from`, the caller of an inbound call; null when none or the number is too short to say.
 * Compares digits only, so +86 / 0086 prefixes and dashes do not matter. Opens each queued case
 * (numbers are sealed at rest): a few milliseconds per hundred cases.
 */
export async function findCaseByCaller(db: HuifangDb, from: string): Promise<string | null> {
  const wanted = tail(from);
  if (wanted.length < MIN_DIGITS) return null;
  for (const policyNo of await db.queue.toCollection().primaryKeys()) {
    const c = await readCase(db, policyNo);
    // The raw core-system record: its numbers are read as given (the same ones the case view lists).
    const phones = (c?.data as { policyholder?: { phones?: unknown } } | undefined)?.policyholder?.phones;
    const own = (Array.isArray(phones) ? phones.filter((p): p is string => typeof p === 'string') : []).map(tail);
    const corrected = (await readCorrections(db, policyNo)).flatMap((x) => (x.corrected ? [tail(x.corrected)] : []));
    if ([...own, ...corrected].includes(wanted)) return policyNo;
  }
  return null;
}
