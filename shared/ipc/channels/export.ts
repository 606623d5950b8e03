import { z } from 'zod';
import { exportIdSchema, exportRequestSchema, exportRowSchema } from '../../sync/recording-export';
import { channel } from '../define';

const offline = z.object({ kind: z.literal('offline'), message: z.string() });
const refused = z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() });
const rows = z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), items: z.array(exportRowSchema) }), offline, refused]);
const row = z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), row: exportRowSchema }), offline, refused]);

/**
 * Recording exports (README "Recording exports"; docs/domain.md §9): a request with a reason, the
 * department head's decision, and the one download of an approved, unexpired copy through main.
 */
export const exportChannels = {
  'export:request': channel(exportRequestSchema, row, "Asks the centre for a copy of one archived session's recording; the reason is required."),
  'export:mine': channel(z.object({}).strict(), rows, "The signed-in person's export requests with their status, newest first."),
  'export:pending': channel(z.object({}).strict(), rows, 'Requests awaiting a decision (department head only).'),
  'export:decide': channel(
    z
      .object({
        exportId: exportIdSchema,
        decision: z.enum(['approve', 'refuse']),
        comment: z.string().trim().max(500, 'comment: at most 500 characters').default(''),
      })
      .strict()
      .refine((d) => d.decision === 'approve' || d.comment.length >= 2, { path: ['comment'], message: 'comment: a refusal says why' }),
    row,
    'Approves or refuses one pending request (department head; never their own).',
  ),
  'export:download': channel(
    z.object({ exportId: exportIdSchema }).strict(),
    z.discriminatedUnion('kind', [
      /** Electron: written where the person chose in the save dialog. */
      z.object({ kind: z.literal('saved'), path: z.string(), bytes: z.number().int().nonnegative() }),
      /** Electron: the save dialog was cancelled before anything was downloaded (the approval stays usable). */
      z.object({ kind: z.literal('cancelled') }),
      /** Web host: the bytes for the browser to offer as a download. */
      z.object({ kind: z.literal('offer'), fileName: z.string(), base64: z.string() }),
      offline,
      refused,
    ]),
    'Downloads the one watermarked copy of an approved, unexpired export (save dialog in Electron, a browser download on the web host).',
  ),
} as const;
