import { z } from 'zod';
import { callFormSchema, evaluationAnswerSchema, evaluationBodySchema } from '../../sync/qa';
import { channel } from '../define';

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId: 8–64 letters, digits, _ or -');
const offline = z.object({ kind: z.literal('offline'), message: z.string() });
const refused = z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() });

/** QA evaluations from the desk's replay screen (README "QA evaluations"). */
export const qaChannels = {
  'qa:form': channel(
    z.object({ sessionId }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), value: callFormSchema }), offline, refused]),
    "The call's QA form, generated at the centre from the script version the call used (GET /api/qa/sessions/:id/form).",
  ),
  'qa:submit': channel(
    evaluationBodySchema,
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), value: evaluationAnswerSchema }), offline, refused]),
    'Submits one evaluation; the centre scores it against the form version named (POST /api/qa/evaluations).',
  ),
} as const;
