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
export type LetterBatchRequest = z.infer<typeof letterBatchRequestSchema>;

/**
 * A letter's life: printed → mailed → returned | not_returned.
 *
 *   printed ──mail──▶ mailed ──answers──▶ returned
 *                        └──────deadline──▶ not_returned
 */
export type LetterStatus = 'printed' | 'mailed' | 'returned' | 'not_returned';
