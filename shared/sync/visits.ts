import { z } from 'zod';
import { policyNoSchema } from './ids';

/**
 * Letter call-backs (信函回访, docs/domain.md §4): the console asks for one printable PDF for a batch
 * of cases whose phone attempts are exhausted; the centre records one letter per case.
 * `POST /api/visits/letters` with this body answers `application/pdf` with one page per case
 * and the batch id in the `x-letter-batch` header.
 */
export const letterBatchRequestSchema = z
  .object({
    policyNos: z.array(policyNoSchema).min(1).max(200),
  })
  .strict();

/**
 * A letter's life: printed → mailed → returned | not_returned.
 *
 *   printed ──mail──▶ mailed ──answers──▶ returned
 *                        └──────deadline──▶ not_returned
 */
export type LetterStatus = 'printed' | 'mailed' | 'returned' | 'not_returned';

/** What the branch records on a printed letter; `version` is the letter's as last read (a stale form is refused). */
export const letterEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('mailed'), on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), version: z.number().int().positive() }).strict(),
  z.object({ event: z.literal('not_returned'), version: z.number().int().positive() }).strict(),
  z
    .object({
      event: z.literal('returned'),
      /** Answer codes per script step id, as the desk writes them (`yes`, `no`, `unclear`…). */
      answers: z.record(z.string().min(1).max(60), z.string().min(1).max(40)),
      version: z.number().int().positive(),
    })
    .strict(),
]);
export type LetterEvent = z.infer<typeof letterEventSchema>;

/** Pure transition of a letter (diagram above); null when the event is not allowed in that status. */
export function nextLetterStatus(status: LetterStatus, event: LetterEvent['event']): LetterStatus | null {
  switch (status) {
    case 'printed':
      return event === 'mailed' ? 'mailed' : null;
    case 'mailed':
      return event === 'returned' ? 'returned' : event === 'not_returned' ? 'not_returned' : null;
    case 'returned':
    case 'not_returned':
      return null;
  }
}

/**
 * An in-person call-back (上门回访, docs/domain.md §4): the policyholder signs the questionnaire and
 * the branch uploads it with a copy of the ID document. Without the ID copy the visit is invalid:
 * kept, not counted, until the copy is added.
 *
 *   (upload without ID copy) ──▶ invalid ──add ID copy──▶ valid
 *   (upload with ID copy) ─────────────────────────────▶ valid (closed: its result counted)
 */
export type InPersonVisitStatus = 'invalid' | 'valid';

/** Pure transition of a visit (diagram above); null when the visit is closed. */
export function nextVisitStatus(status: InPersonVisitStatus, event: 'id_copy_added'): InPersonVisitStatus | null {
  switch (status) {
    case 'invalid':
      return event === 'id_copy_added' ? 'valid' : null;
    case 'valid':
      return null;
  }
}

/** The two documents of a visit, as multipart file field names. */
export const VISIT_DOCUMENT_PARTS = ['questionnaire', 'idCopy'] as const;

/** Types the centre accepts, recognised by their first bytes (not by the name or the declared type). */
export const VISIT_DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/** Largest document (bytes): a phone photo or a scanned page fits; anything larger is refused whole. */
export const VISIT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const answersJson = z
  .string()
  .max(20_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'answers must be a JSON object of answer codes per step id' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1).max(60), z.string().min(1).max(40)));

/** Text fields of `POST /api/visits/in-person` (multipart, with the files `questionnaire` and `idCopy`). */
export const inPersonVisitFieldsSchema = z
  .object({
    policyNo: policyNoSchema,
    visitedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** JSON text: answer codes per script step id, as written on the signed questionnaire. */
    answers: answersJson,
  })
  .strict();

/** Text fields of `POST /api/visits/in-person/:id` (multipart, with the file `idCopy`): the visit's version as read. */
export const visitIdCopyFieldsSchema = z.object({ version: z.coerce.number().int().positive() }).strict();

/** One uploaded document, without its bytes. */
export interface VisitDocumentRow {
  readonly id: string;
  readonly part: 'questionnaire' | 'id_copy';
  readonly mediaType: string;
  readonly size: number;
  /** When its retention ended and it was deleted (the row stays to show it existed), else null. */
  readonly purgedAt: string | null;
}

/** A case the branch may visit by letter or in person (phone attempts exhausted), holder masked. */
export interface VisitCaseRow {
  readonly policyNo: string;
  readonly holderName: string;
  readonly branchCode: string;
  readonly productName: string;
  readonly attempts: number;
}

export interface LetterRow {
  readonly batchId: string;
  readonly policyNo: string;
  readonly status: LetterStatus;
  readonly version: number;
  readonly printedAt: string;
  readonly mailedOn: string | null;
  readonly classification: string | null;
}

export interface InPersonVisitRow {
  readonly id: string;
  readonly policyNo: string;
  readonly status: InPersonVisitStatus;
  readonly version: number;
  readonly visitedOn: string;
  readonly classification: string | null;
  readonly documents: readonly VisitDocumentRow[];
}

/** `GET /api/visits`: the branch's eligible cases, its letters and its in-person visits (newest first). */
export interface VisitWorkList {
  readonly eligible: readonly VisitCaseRow[];
  readonly letters: readonly LetterRow[];
  readonly visits: readonly InPersonVisitRow[];
}
