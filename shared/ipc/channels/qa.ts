import { z } from 'zod';
import { calibrationBodySchema, callFormSchema, disputeBodySchema, evaluationAnswerSchema, evaluationBodySchema, resolveBodySchema } from '../../sync/qa';
import {
  calibrationAnswerSchema,
  claimAnswerSchema,
  evaluationSchema,
  evaluationsAnswerSchema,
  myCalibrationsAnswerSchema,
  spreadAnswerSchema,
  workListAnswerSchema,
} from '../../sync/qa-answers';
import { channel } from '../define';

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId: 8–64 letters, digits, _ or -');
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id: 1–64 letters, digits, _ or -');
const offline = z.object({ kind: z.literal('offline'), message: z.string() });
const refused = z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() });
/** The centre's answer, unreachable (`offline`) or its refusal with the reason. */
const answer = <T extends z.ZodType>(value: T) => z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), value }), offline, refused]);

/** QA evaluations from the desk (README "QA evaluations"): scoring, the work list, the agent's and the lead's sides, calibration. */
export const qaChannels = {
  'qa:form': channel(
    z.object({ sessionId }).strict(),
    answer(callFormSchema),
    "The call's QA form, generated at the centre from the script version the call used (GET /api/qa/sessions/:id/form).",
  ),
  'qa:submit': channel(
    evaluationBodySchema,
    answer(evaluationAnswerSchema),
    'Submits one evaluation (in a calibration with its id); the centre scores it against the form version named (POST /api/qa/evaluations).',
  ),
  'qa:workList': channel(
    z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict(),
    answer(workListAnswerSchema),
    'The sampled calls of a period still needing an evaluation, with who claimed each (GET /api/qa/work-list).',
  ),
  'qa:claim': channel(z.object({ sessionId }).strict(), answer(claimAnswerSchema), 'Takes a call from the work list (POST /api/qa/claims).'),
  'qa:mine': channel(
    z.object({}).strict(),
    answer(evaluationsAnswerSchema),
    "The signed-in agent's own evaluations, current versions (GET /api/me/qa-evaluations).",
  ),
  'qa:acknowledge': channel(z.object({ id }).strict(), answer(evaluationSchema), 'The agent acknowledges an evaluation of their call.'),
  'qa:dispute': channel(disputeBodySchema.extend({ id }).strict(), answer(evaluationSchema), 'The agent disputes an evaluation of their call, with a reason.'),
  'qa:disputes': channel(z.object({}).strict(), answer(evaluationsAnswerSchema), "The lead's team's disputed evaluations (GET /api/team/qa-disputes)."),
  'qa:resolve': channel(
    z.object({ id, resolution: resolveBodySchema }).strict(),
    answer(evaluationSchema),
    'The lead upholds a dispute or revises it with new verdicts (a new current evaluation; the old kept).',
  ),
  'qa:calibrations': channel(
    z.object({}).strict(),
    answer(myCalibrationsAnswerSchema),
    'Calibrations I review or lead, with the calls I have scored (GET /api/qa/calibrations).',
  ),
  'qa:calibrate': channel(
    calibrationBodySchema,
    answer(calibrationAnswerSchema),
    "A lead's calibration: calls and QA reviewers (POST /api/team/qa-calibrations).",
  ),
  'qa:spread': channel(z.object({ id }).strict(), answer(spreadAnswerSchema), "A calibration's spread per item and per reviewer against the lead's reference."),
} as const;
