import { z } from 'zod';
import { CONDUCT_CHECKS } from '../domain/qa/qa-form';

/**
 * QA evaluations at the centre (README "QA evaluations"): request bodies and answers of the
 * `/api/qa/…`, `/api/me/qa-evaluations…`, `/api/team/qa-…` and `/api/admin/qa-…` routes.
 */

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId: 8–64 letters, digits, _ or -');
const staffNo = z.string().regex(/^\d{3,12}$/, 'a staff number');
const verdict = z.enum(['pass', 'fail', 'na']);
const verdictsSchema = z.array(z.object({ itemId: z.string().min(1).max(40), verdict, note: z.string().max(1000).optional() }).strict()).max(100);

const sourceSchema = z.discriminatedUnion('doc', [
  z
    .object({
      doc: z.literal('basic_service_15'),
      item: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)]),
    })
    .strict(),
  z.object({ doc: z.literal('traceability_11') }).strict(),
  z.object({ doc: z.literal('health_44') }).strict(),
  z.object({ doc: z.literal('visit_rule'), article: z.union([z.literal(7), z.literal(8)]) }).strict(),
  z.object({ doc: z.literal('domain'), section: z.string().regex(/^\d+(\.\d+)?$/, 'section: n or n.m') }).strict(),
]);

const itemBase = {
  id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'item id: a-z, 0-9, _'),
  weight: z.number(),
  fatal: z.boolean(),
  sources: z.array(sourceSchema).max(10),
};

/** A form version as an administrator submits it (the centre gives the version number). */
export const qaFormBodySchema = z
  .object({
    formId: z.string().min(1).max(40),
    passMark: z.number(),
    items: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({ ...itemBase, kind: z.literal('regulatory'), stepIds: z.array(z.string().min(1).max(60)).max(20) }).strict(),
          z.object({ ...itemBase, kind: z.literal('conduct'), check: z.enum(CONDUCT_CHECKS) }).strict(),
        ]),
      )
      .max(100),
  })
  .strict();

/** The centre's sampling rules (`SamplingRules`). */
export const samplingRulesSchema = z
  .object({
    problemCases: z.boolean(),
    overridden: z.boolean(),
    recordingGaps: z.boolean(),
    percentOfRest: z.number(),
    minPerAgentPerMonth: z.number(),
  })
  .strict();

/** `GET /api/qa/work-list`: the calls of a period (centre dates, inclusive; default the last 31 days). */
/** How many calls one work-list answer lists at most (the oldest first; `total` says how many there are). */
export const WORK_LIST_LIMIT = 500;

export const workListQuerySchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    agent: staffNo.optional(),
    limit: z.coerce.number().int().min(1).max(WORK_LIST_LIMIT).optional(),
  })
  .strict();

export const claimBodySchema = z.object({ sessionId }).strict();

/** `POST /api/qa/evaluations`: one verdict per item of the call's form; `calibrationId` inside a calibration. */
export const evaluationBodySchema = z
  .object({
    sessionId,
    formId: z.string().min(1).max(40),
    formVersion: z.number().int().positive(),
    calibrationId: z.string().min(1).max(64).optional(),
    verdicts: verdictsSchema,
  })
  .strict();

export const disputeBodySchema = z.object({ reason: z.string().max(2000) }).strict();
/**
 * `POST /api/team/qa-evaluations/:id/resolve`: the lead upholds the disputed evaluation, or revises
 * it with new verdicts for every item of its form version (a new current evaluation; the old one is kept).
 */
export const resolveBodySchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('upheld'), note: z.string().max(2000) }).strict(),
  z.object({ decision: z.literal('revised'), note: z.string().max(2000), verdicts: verdictsSchema }).strict(),
]);

/** `POST /api/team/qa-calibrations`: a lead’s calls (1–50) and reviewers (1–20). */
export const calibrationBodySchema = z
  .object({
    sessionIds: z.array(sessionId).min(1).max(50),
    reviewers: z.array(staffNo).min(1).max(20),
  })
  .strict();

const formItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...itemBase, kind: z.literal('regulatory'), stepIds: z.array(z.string()) }),
  z.object({ ...itemBase, kind: z.literal('conduct'), check: z.enum(CONDUCT_CHECKS) }),
]);

/** `GET /api/qa/sessions/:id/form`: the call, its form, the evaluation made outside calibration (if any) and who claimed it. */
export const callFormSchema = z.object({
  call: z.object({ sessionId: z.string(), policyNo: z.string(), agentId: z.string(), team: z.string(), scriptId: z.string(), scriptVersion: z.string() }),
  form: z.object({
    formId: z.string(),
    formVersion: z.number(),
    passMark: z.number(),
    scriptId: z.string(),
    scriptVersion: z.string(),
    items: z.array(formItemSchema),
  }),
  evaluation: z.object({ id: z.string(), evaluator: z.string(), score: z.number(), passed: z.boolean(), state: z.string() }).nullable(),
  claimedBy: z.string().nullable(),
});
export type CallForm = z.infer<typeof callFormSchema>;

/** What the centre answers to a submitted evaluation (the fields the desk shows). */
export const evaluationAnswerSchema = z.object({
  id: z.string(),
  score: z.number(),
  passed: z.boolean(),
  fatalFailures: z.array(z.string()),
  formVersion: z.number(),
});
