import { z } from 'zod';

/**
 * What the centre answers on the QA desk's routes (README "QA evaluations"): the work list, a claim,
 * evaluations as the agent and the lead see them, calibrations and their spread. The desk checks
 * every answer against these before the renderer sees it.
 */

const sampleReason = z.enum(['problem', 'overridden', 'gaps', 'weekly_share', 'monthly_minimum']);

/** `GET /api/qa/work-list`: sampled calls of a period nobody has evaluated yet, with who claimed them. */
export const workListAnswerSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      sessionId: z.string(),
      policyNo: z.string(),
      agentId: z.string(),
      team: z.string(),
      createdAt: z.string(),
      outcome: z.string().nullable(),
      gapCount: z.number(),
      reasons: z.array(sampleReason),
      claimedBy: z.string().nullable(),
    }),
  ),
  /** How many calls need an evaluation in all (the list holds the oldest of them; absent from older centres). */
  total: z.number().int().optional(),
});
export type WorkListAnswer = z.infer<typeof workListAnswerSchema>;

/** `POST /api/qa/claims`. */
export const claimAnswerSchema = z.object({ sessionId: z.string(), claimedBy: z.string(), claimedAt: z.string() });

/** One evaluation outside calibration: the agent's record, its dispute and the lead's decision. */
export const evaluationSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  policyNo: z.string(),
  agentId: z.string(),
  team: z.string(),
  formId: z.string(),
  formVersion: z.number(),
  evaluator: z.string(),
  verdicts: z.array(z.object({ itemId: z.string(), verdict: z.enum(['pass', 'fail', 'na']), note: z.string().optional() })),
  score: z.number(),
  passed: z.boolean(),
  fatalFailures: z.array(z.string()),
  state: z.enum(['submitted', 'acknowledged', 'disputed', 'resolved']),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  dispute: z.object({ reason: z.string(), at: z.string() }).nullable(),
  resolution: z.object({ decision: z.string(), note: z.string(), by: z.string(), at: z.string() }).nullable(),
  supersedes: z.string().nullable(),
  current: z.boolean(),
});
export type QaEvaluationView = z.infer<typeof evaluationSchema>;

export const evaluationsAnswerSchema = z.object({ items: z.array(evaluationSchema) });

const calibrationSchema = z.object({
  id: z.string(),
  lead: z.string(),
  team: z.string(),
  sessionIds: z.array(z.string()),
  reviewers: z.array(z.string()),
  createdAt: z.string(),
});

/** `POST /api/team/qa-calibrations`. */
export const calibrationAnswerSchema = calibrationSchema;

/** `GET /api/qa/calibrations`: the ones I review or lead, with the calls I have scored (blind: nothing of others'). */
export const myCalibrationsAnswerSchema = z.object({ items: z.array(calibrationSchema.extend({ scored: z.array(z.string()) })) });
export type MyCalibration = z.infer<typeof myCalibrationsAnswerSchema>['items'][number];

/** `GET /api/team/qa-calibrations/:id/spread`: per item and per reviewer against the lead's reference. */
export const spreadAnswerSchema = z.object({
  calibration: calibrationSchema,
  items: z.array(z.object({ itemId: z.string(), compared: z.number(), disagreements: z.number(), spread: z.number() })),
  reviewers: z.array(z.object({ evaluator: z.string(), calls: z.number(), agreement: z.number(), meanScoreDelta: z.number(), outcomeMismatches: z.number() })),
  withoutReference: z.array(z.string()),
});
export type SpreadAnswer = z.infer<typeof spreadAnswerSchema>;
