import { z } from 'zod';

/**
 * Pull: the workstation asks for changes to its assigned queue since `cursor`
 * (`null` → full snapshot). The answer carries cases to add/update and cases to drop.
 *
 *   workstation            centre
 *      | pull(cursor) ------> |  changes with seq > cursor, for this agent
 *      | <--- upserts, drops, cursor', hasMore
 *      | (repeat while hasMore)
 */
export const pullRequestSchema = z
  .object({
    cursor: z.string().max(40).nullable(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();

/** Case statuses at the centre. */
export const caseStatusSchema = z.enum([
  'pending', // imported, not yet assigned
  'assigned', // in an agent's queue, no attempt yet
  'in_progress', // at least one attempt recorded
  'completed', // final result (standard / substandard / problem)
  'awaiting_branch', // verification result: branch must confirm contact (docs/domain.md §7)
  'returned', // branch returned it for a revisit
  'closed', // closed elsewhere (surrendered, withdrawn, ineligible…)
]);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Kind of work, which decides priority (docs/domain.md §7: verification first, then returned). */
export const caseKindSchema = z.enum(['new', 'verification', 'returned']);
export type CaseKind = z.infer<typeof caseKindSchema>;

/** One case as the workstation queue shows it. `data` is the shared PolicyCase. */
export const assignedCaseSchema = z.object({
  policyNo: z.string(),
  version: z.number().int(),
  status: caseStatusSchema,
  kind: caseKindSchema,
  priority: z.number().int(),
  deadline: z.string().nullable(),
  escalated: z.boolean(),
  visitMode: z.enum(['human_phone', 'phone']),
  flags: z.array(z.string()),
  assignedAt: z.string().nullable(),
  /** Language or dialect the policyholder is called in (e.g. 'mandarin', 'cantonese'); older centres send none. */
  language: z.string().max(30).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type AssignedCase = z.infer<typeof assignedCaseSchema>;

/** Why a case leaves the queue. */
export const dropReasonSchema = z.enum(['closed', 'reassigned', 'completed']);
export type DropReason = z.infer<typeof dropReasonSchema>;

/** A callback booked for this agent (or for whoever holds the case), as the centre stored it. */
export const pulledCallbackSchema = z.object({
  id: z.string(),
  policyNo: z.string(),
  dueAt: z.string(),
  /** null: whoever holds the case. */
  assignee: z.string().nullable(),
  bookedBy: z.string(),
  bookedAt: z.string(),
  note: z.string(),
  overrideReason: z.string().nullable(),
});
export type PulledCallback = z.infer<typeof pulledCallbackSchema>;

/** A phone correction stored at the centre (from any desk), delivered with its case. */
export const pulledPhoneCorrectionSchema = z.object({
  id: z.string(),
  policyNo: z.string(),
  original: z.string(),
  /** null: the number was only marked wrong. */
  corrected: z.string().nullable(),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: z.string(),
});
export type PulledPhoneCorrection = z.infer<typeof pulledPhoneCorrectionSchema>;

export const pullResponseSchema = z.object({
  cursor: z.string(),
  /** True when the centre had more changes than `limit`: pull again at once. */
  hasMore: z.boolean(),
  /** True when this was a full snapshot: replace the local queue with `upserts`. */
  snapshot: z.boolean(),
  upserts: z.array(assignedCaseSchema),
  drops: z.array(z.object({ policyNo: z.string(), reason: dropReasonSchema })),
  /** Callbacks for upserted cases booked for this agent (optional: older centres send none). */
  callbacks: z.array(pulledCallbackSchema).optional(),
  /** Phone corrections of upserted cases, from every desk (optional: older centres send none). */
  phoneCorrections: z.array(pulledPhoneCorrectionSchema).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
