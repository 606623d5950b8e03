import type { HuifangDb } from './huifang-db';
import { newId } from './new-id';
import type { PhoneCorrection } from './records';

/**
 * Records a phone-number correction. The original number is kept; the correction is a new row
 * with who made it and when.
 */
export async function correctPhone(
  db: HuifangDb,
  input: { policyNo: string; original: string; corrected: string; reason: string; by: string },
  now = new Date(),
): Promise<PhoneCorrection> {
  const row: PhoneCorrection = { id: newId(), ...input, corrected: input.corrected.trim(), reason: input.reason.trim(), at: now.toISOString() };
  await db.phoneCorrections.add(row);
  return row;
}
