import { z } from 'zod';
import { staffNoSchema } from './ids';
import { caseKindSchema, caseStatusSchema } from './pull';
import { resultClassSchema, resultOverrideSchema } from './push';

/**
 * GET /api/team/cases — one case of the lead's team as the team view lists it. Names and phones
 * are masked (个人信息保护法 第51条: an overview needs no full personal data).
 */
export const teamCaseSchema = z.object({
  policyNo: z.string(),
  status: caseStatusSchema,
  kind: caseKindSchema,
  priority: z.number(),
  /** Last day of the visit window (docs/domain.md §3), `YYYY-MM-DD`. */
  deadline: z.string(),
  escalated: z.boolean(),
  /** Staff number of the agent holding it; null while unassigned. */
  assignedTo: z.string().nullable(),
  language: z.string().nullable(),
  holder: z.string(),
  phone: z.string(),
  resultClass: resultClassSchema.nullable(),
  override: resultOverrideSchema.nullable(),
});
export type TeamCase = z.infer<typeof teamCaseSchema>;

/** POST /api/team/reassign — give one case of the team to another active agent of the team. */
export const reassignRequestSchema = z.object({ policyNo: z.string(), toStaffNo: staffNoSchema }).strict();
export const reassignResponseSchema = z.object({ policyNo: z.string(), assignedTo: z.string() });

/** A team lead's verdict on a phone correction (号码更正复核). */
export const phoneCorrectionDecisionSchema = z.enum(['accepted', 'rejected']);

/** Body of POST /api/team/phone-corrections/:id/review. */
export const phoneCorrectionReviewBodySchema = z
  .object({ decision: phoneCorrectionDecisionSchema, note: z.string().trim().min(1).max(200).optional() })
  .strict();

/** The stored review (null on a correction not reviewed yet). */
export const phoneCorrectionReviewSchema = z.object({
  decision: phoneCorrectionDecisionSchema,
  note: z.string().nullable(),
  reviewedBy: z.string(),
  reviewedAt: z.string(),
});
export type PhoneCorrectionReview = z.infer<typeof phoneCorrectionReviewSchema>;

/** Answer of POST /api/team/phone-corrections/:id/review. */
export const phoneCorrectionReviewedSchema = z.object({ id: z.string(), review: phoneCorrectionReviewSchema });

/** One entry of GET /api/team/phone-corrections: the correction, its team, receipt and review. */
export const teamPhoneCorrectionSchema = z.object({
  id: z.string(),
  policyNo: z.string(),
  original: z.string(),
  corrected: z.string().nullable(),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: z.string(),
  team: z.string(),
  receivedAt: z.string(),
  review: phoneCorrectionReviewSchema.nullable(),
});
export type TeamPhoneCorrection = z.infer<typeof teamPhoneCorrectionSchema>;

export const teamPhoneCorrectionsResponseSchema = z.object({ items: z.array(teamPhoneCorrectionSchema), hasMore: z.boolean() });

/**
 * GET /api/team/callbacks — callbacks (预约回呼, docs/domain.md §4) booked on the team's open cases,
 * soonest due first. `holder` is masked; `overdue`: the due time has passed at the centre's clock.
 */
export const teamCallbackSchema = z.object({
  id: z.string(),
  policyNo: z.string(),
  dueAt: z.string(),
  /** The agent whose desk carries it, with their name (null when no longer a user). */
  agent: z.string(),
  agentName: z.string().nullable(),
  holder: z.string(),
  overdue: z.boolean(),
});
export type TeamCallback = z.infer<typeof teamCallbackSchema>;

export const teamCallbacksResponseSchema = z.object({ team: z.string().nullable(), at: z.string(), items: z.array(teamCallbackSchema) });
export type TeamCallbacksResponse = z.infer<typeof teamCallbacksResponseSchema>;
