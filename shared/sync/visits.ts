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
