import { z } from 'zod';

/** Kinds of result flag (`shared/domain/outcome/rederive.ts` says what each means). */
export const RESULT_FLAG_KINDS = [
  'override_without_reason',
  'computed_differs',
  'answers_differ',
  'session_differs',
  'underivable',
  'session_missing',
] as const;

/**
 * `GET /api/result-flags` query (README "Result checks"): open flags by default, `resolved` the
 * resolved ones, `all` both; by team, agent, kind, policy number.
 */
export const resultFlagsQuerySchema = z
  .object({
    state: z.enum(['open', 'resolved', 'all']).default('open'),
    team: z.string().min(1).max(40).optional(),
    agent: z
      .string()
      .regex(/^\d{3,12}$/, 'agent: a staff number')
      .optional(),
    kind: z.enum(RESULT_FLAG_KINDS).optional(),
    policy: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

/** One flag: which result, which session, what disagreed, and whether (and how) it was resolved. */
export const resultFlagRowSchema = z.object({
  id: z.string(),
  resultItemId: z.string(),
  policyNo: z.string(),
  agentId: z.string(),
  team: z.string(),
  sessionId: z.string().nullable(),
  kind: z.enum(RESULT_FLAG_KINDS),
  /** Plain English: what was pushed and what the answers give. */
  detail: z.string(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** `session_arrived`: the session came after the deadline and was checked. */
  resolution: z.string().nullable(),
});
export type ResultFlagRow = z.infer<typeof resultFlagRowSchema>;
