import { phoneNumberSchema, type PulledPhoneCorrection } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import { addNewRows } from './add-new-rows';
import { newId } from './new-id';
import { enqueueOutbox, prepareOutbox } from './outbox-writer';
import type { PhoneCorrection } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';

/** Why a correction cannot be saved (zh-CN, shown in the form), or null when it can. */
export function correctionProblem(corrected: string, reason: string): string | null {
  if (reason.trim() === '') return '请填写更正原因';
  const number = normalisePhone(corrected);
  if (number !== '' && !phoneNumberSchema.safeParse(number).success) return '号码格式不对：只能是数字，可带 + 或 -，3–30 位';
  return null;
}

/** A typed number without spaces (what is dialled and sent). */
export function normalisePhone(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/**
 * Records a phone-number correction. The original number is kept; the correction is a new row
 * with who made it and when. Row and outbox item are written in one transaction, under one id,
 * so the centre stores it exactly once and delivers it to whoever holds the case. Both are sealed
 * before the transaction (the numbers are personal data).
 * Throws when the input is invalid (check `correctionProblem` first).
 */
export async function correctPhone(
  db: HuifangDb,
  input: { policyNo: string; original: string; corrected: string; reason: string; by: string },
  now = new Date(),
): Promise<PhoneCorrection> {
  const problem = correctionProblem(input.corrected, input.reason);
  if (problem) throw new Error(problem);
  const row: PhoneCorrection = { id: newId(), ...input, corrected: normalisePhone(input.corrected), reason: input.reason.trim(), at: now.toISOString() };
  const [stored, entry] = await Promise.all([
    sealedRows.sealCorrection(await windowCipher(), row),
    prepareOutbox(
      {
        id: row.id,
        kind: 'phone_correction',
        policyNo: row.policyNo,
        occurredAt: row.at,
        data: { original: row.original.slice(0, 40), corrected: row.corrected === '' ? null : row.corrected, reason: row.reason.slice(0, 500), correctedBy: row.by },
      },
      row.by,
      now,
    ),
  ]);
  await db.transaction('rw', [db.phoneCorrections, db.outbox], async () => {
    await db.phoneCorrections.add(stored);
    await enqueueOutbox(db, entry);
  });
  return row;
}

/**
 * Stores corrections the centre delivered (made at any desk, this one included), each id once:
 * one made here is already cached under the same id and stays as it is.
 */
export async function storePulledCorrections(db: HuifangDb, pulled: readonly PulledPhoneCorrection[]): Promise<number> {
  if (pulled.length === 0) return 0;
  const cipher = await windowCipher();
  const sealed = await Promise.all(
    pulled.map((p) => sealedRows.sealCorrection(cipher, { id: p.id, policyNo: p.policyNo, original: p.original, corrected: p.corrected ?? '', reason: p.reason, by: p.correctedBy, at: p.correctedAt })),
  );
  return (await addNewRows(db.phoneCorrections, sealed)).length;
}

/** The corrections of a case, opened (liveQuery-safe: the Dexie read first, WebCrypto after). */
export async function readCorrections(db: HuifangDb, policyNo: string): Promise<PhoneCorrection[]> {
  const stored = await db.phoneCorrections.where('policyNo').equals(policyNo).toArray();
  const cipher = await windowCipher();
  return Promise.all(stored.map((s) => sealedRows.openCorrection(cipher, s)));
}
