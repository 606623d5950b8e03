import { z } from 'zod';
import { archiveSessionIdSchema } from './archive';

/**
 * Recording exports (调取录音副本, docs/domain.md §9: no copying or forwarding; a copy leaves only
 * with written approval of the department head). One request names one archived session:
 *
 * ```
 *   pending ──approve──▶ approved ──claim──▶ downloading ──finish──▶ downloaded
 *      │                    ▲                     │
 *      └──refuse──▶ refused └───────release───────┘  (the transfer broke: the copy was not delivered)
 * ```
 *
 * `expired` is not stored: an approved (or stalled downloading) export past `expiresAt` shows as
 * expired and is never downloaded. One approval yields exactly one delivered copy.
 */
export const exportStates = ['pending', 'approved', 'refused', 'downloading', 'downloaded'] as const;
export type ExportState = (typeof exportStates)[number];

/** What moves an export on. */
export type ExportEvent = 'approve' | 'refuse' | 'claim' | 'finish' | 'release';

/** The next state, or null when `event` is not allowed in `state` (pure, exhaustive). */
export function exportTransition(state: ExportState, event: ExportEvent): ExportState | null {
  switch (state) {
    case 'pending':
      return event === 'approve' ? 'approved' : event === 'refuse' ? 'refused' : null;
    case 'approved':
      return event === 'claim' ? 'downloading' : null;
    case 'downloading':
      return event === 'finish' ? 'downloaded' : event === 'release' ? 'approved' : null;
    case 'refused':
    case 'downloaded':
      return null;
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** What a person sees: the stored state, or `expired` once an undelivered approval ran out. */
export type ExportStatus = ExportState | 'expired';

/** The shown status of an export at `nowMs`. */
export function exportStatusOf(state: ExportState, expiresAt: string | null, nowMs: number): ExportStatus {
  const open = state === 'approved' || state === 'downloading';
  return open && expiresAt !== null && Date.parse(expiresAt) <= nowMs ? 'expired' : state;
}

/** An export's id: the approval id carried in the watermark. */
export const exportIdSchema = z.string().regex(/^EX-[0-9a-f]{16}$/, 'export id: EX- and 16 hex digits');

/** `POST /api/exports` — ask for a copy of one archived session's recording; the reason is required. */
export const exportRequestSchema = z
  .object({
    sessionId: archiveSessionIdSchema,
    reason: z.string().trim().min(4, 'reason: at least 4 characters').max(500, 'reason: at most 500 characters'),
  })
  .strict();
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** `POST /api/exports/:id/approve` (comment optional) and `/refuse` (comment required). */
export const exportDecisionSchema = z.object({ comment: z.string().trim().max(500, 'comment: at most 500 characters').default('') }).strict();
export const exportRefusalSchema = z
  .object({ comment: z.string().trim().min(2, 'comment: a refusal says why (at least 2 characters)').max(500, 'comment: at most 500 characters') })
  .strict();

/** One export request as the centre lists it. Times are ISO. */
export const exportRowSchema = z.object({
  id: exportIdSchema,
  sessionId: z.string(),
  team: z.string(),
  agentId: z.string(),
  sessionCreatedAt: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  reason: z.string(),
  requestedAt: z.string(),
  state: z.enum(exportStates),
  status: z.enum([...exportStates, 'expired']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  expiresAt: z.string().nullable(),
  downloadedAt: z.string().nullable(),
});
export type ExportRow = z.infer<typeof exportRowSchema>;

/** The Matroska tag names of the watermark an exported WebM carries (Tags, target MOVIE). */
export const EXPORT_TAGS = {
  requester: 'HUIFANG_EXPORT_REQUESTER',
  approvalId: 'HUIFANG_APPROVAL_ID',
  approvedBy: 'HUIFANG_APPROVED_BY',
  approvedAt: 'HUIFANG_APPROVED_AT',
  expiresAt: 'HUIFANG_EXPORT_EXPIRES_AT',
  sessionId: 'HUIFANG_SESSION_ID',
} as const;
