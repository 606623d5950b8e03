import { DIALABLE_NUMBER_PROBLEM_TEXT, parseDialableNumber } from '../../shared/domain/dialable-number';
import type { PulledPhoneCorrection } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import { addNewRows } from './add-new-rows';
import { newId } from './new-id';
import { enqueueOutbox, prepareOutbox } from './outbox-writer';
import type { PhoneCorrection } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';
import { messages } from '../i18n/messages';

/**
 * Why a correction cannot be saved — the field at fault and a zh-CN message for the form — or null
 * when it can. The new number
 * must be one a mainland call centre can dial (`parseDialableNumber`); empty marks the old one as
 * wrong without a replacement. Numbers delivered by the centre are not checked here: older desks
 * sent looser ones, and the protocol keeps accepting them.
 */
export function correctionProblem(corrected: string, reason: string): { readonly field: 'number' | 'reason'; readonly message: string } | null {
  if (corrected.trim() !== '') {
    const parsed = parseDialableNumber(corrected);
    if (!parsed.ok) return { field: 'number', message: messages.data.notDialable(DIALABLE_NUMBER_PROBLEM_TEXT[parsed.problem]) };
  }
  return reason.trim() === '' ? { field: 'reason', message: messages.data.needCorrectionReason } : null;
}

/** The number as stored, sent and dialled: normalised (`13800138000`, `0755-1234567-12`), or '' for none. */
export function normalisePhone(raw: string): string {
  const parsed = parseDialableNumber(raw);
  return parsed.ok ? parsed.normalized : raw.trim();
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
  if (problem) throw new Error(problem.message);
  const row: PhoneCorrection = { id: newId(), ...input, corrected: normalisePhone(input.corrected), reason: input.reason.trim(), at: now.toISOString() };
  const [stored, entry] = await Promise.all([
    sealedRows.sealCorrection(await windowCipher(), row),
    prepareOutbox(
      {
        id: row.id,
        kind: 'phone_correction',
        policyNo: row.policyNo,
        occurredAt: row.at,
        data: {
          original: row.original.slice(0, 40),
          corrected: row.corrected === '' ? null : row.corrected,
          reason: row.reason.slice(0, 500),
          correctedBy: row.by,
        },
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
    pulled.map((p) =>
      sealedRows.sealCorrection(cipher, {
        id: p.id,
        policyNo: p.policyNo,
        original: p.original,
        corrected: p.corrected ?? '',
        reason: p.reason,
        by: p.correctedBy,
        at: p.correctedAt,
      }),
    ),
  );
  return (await addNewRows(db.phoneCorrections, sealed)).length;
}

/** The corrections of a case, opened (liveQuery-safe: the Dexie read first, WebCrypto after). */
export async function readCorrections(db: HuifangDb, policyNo: string): Promise<PhoneCorrection[]> {
  const stored = await db.phoneCorrections.where('policyNo').equals(policyNo).toArray();
  const cipher = await windowCipher();
  return Promise.all(stored.map((s) => sealedRows.openCorrection(cipher, s)));
}
