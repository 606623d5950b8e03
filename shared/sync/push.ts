import { z } from 'zod';
import { clientIdSchema, policyNoSchema, staffNoSchema } from './ids';

/**
 * What a workstation pushes: facts that happened at the desk, each with a client-generated id.
 *
 * - `attempt`: one try to reach the policyholder (phone call, letter, home visit).
 * - `result`: the visit's classification (docs/domain.md §6), which ends the case at the desk.
 * - `session`: workstation session metadata (sign-in, breaks, sign-out), no case.
 * - `callback`: a booked callback, delivered to its assignee's workstation by pull.
 * - `phone_correction`: a wrong number corrected at a desk (the original is kept), delivered to
 *   whoever holds the case by pull and listed for the branch.
 * - `missed_call`: an inbound call the desk refused (busy or unavailable), no case.
 *
 * The centre stores each id at most once (exactly-once by idempotent retry): the workstation
 * re-sends unacknowledged items with the same ids until it gets an ack.
 */
const isoTime = z.string().datetime({ offset: true });

/** How an attempt went. */
export const attemptOutcomeSchema = z.enum(['connected', 'no_answer', 'busy', 'wrong_number', 'refused', 'callback_booked', 'not_policyholder', 'hung_up']);
/**
 * How an attempt went, as the sync protocol carries it: coarser than the domain core's
 * `AttemptOutcome` (shared/domain/outcome), which the workstation maps onto it.
 */
export type SyncAttemptOutcome = z.infer<typeof attemptOutcomeSchema>;

/** Attempt channel (docs/domain.md §4): phone first; letter or in person as fall-backs. */
export const attemptChannelSchema = z.enum(['phone', 'letter', 'in_person']);

/**
 * The answers a call cut off after identity leaves for the next call (docs/domain.md §6), by script
 * step id: `yes`, `no->yes` (explained, then 是), `no->pending` (explanation under way), `read`,
 * `skipped`. `null` on an attempt: the call reached the policyholder and left nothing.
 */
export const carriedAnswersSchema = z
  .object({
    cutOffAt: isoTime,
    answers: z.record(z.string().min(1).max(60), z.string().min(1).max(40)).refine((a) => Object.keys(a).length <= 200, { message: 'at most 200 answers' }),
  })
  .strict();

export const attemptItemSchema = z
  .object({
    id: clientIdSchema,
    kind: z.literal('attempt'),
    policyNo: policyNoSchema,
    occurredAt: isoTime,
    data: z
      .object({
        channel: attemptChannelSchema,
        outcome: attemptOutcomeSchema,
        durationSec: z.number().int().min(0).max(86_400).optional(),
        recordingId: z.string().max(100).optional(),
        note: z.string().max(2000).optional(),
        carried: carriedAnswersSchema.nullable().optional(),
      })
      .strict(),
  })
  .strict();

/** Result classes (docs/domain.md §6): 标准件 / 次标准件 / 问题件 / 核实件. */
export const resultClassSchema = z.enum(['standard', 'substandard', 'problem', 'verification']);
export type ResultClass = z.infer<typeof resultClassSchema>;

/**
 * The agent changed the computed classification (docs/domain.md §6): what the domain core computed,
 * and why the agent decided otherwise. The result's own `classification`/`kinds` are the final ones.
 */
export const resultOverrideSchema = z
  .object({
    computedClassification: resultClassSchema,
    computedKinds: z.array(z.string().min(1).max(60)).max(20),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type ResultOverride = z.infer<typeof resultOverrideSchema>;

/**
 * The authorised family member who answered for the policyholder (docs/domain.md §4: a policyholder who
 * is hard of hearing or cannot follow Mandarin). Values mirror `shared/domain/script/authorised-proxy.ts`.
 */
export const resultProxySchema = z
  .object({
    relation: z.enum(['spouse', 'child', 'parent', 'sibling', 'other_relative']),
    name: z.string().trim().min(1).max(30),
    reason: z.enum(['hard_of_hearing', 'language_barrier']),
  })
  .strict();

export const resultItemSchema = z
  .object({
    id: clientIdSchema,
    kind: z.literal('result'),
    policyNo: policyNoSchema,
    occurredAt: isoTime,
    data: z
      .object({
        classification: resultClassSchema,
        /** Sub-kinds, e.g. 'wrong_number', 'forged_signature' (free strings; the scheme is data). */
        kinds: z.array(z.string().min(1).max(60)).max(20).default([]),
        note: z.string().max(4000).optional(),
        /** Answers to the script's questions, keyed by question id. */
        answers: z.record(z.string().max(60), z.string().max(200)).optional(),
        /** Present when the agent overrode the computed classification. */
        override: resultOverrideSchema.optional(),
        /** Present when an authorised family member answered instead of the policyholder. */
        proxy: resultProxySchema.optional(),
      })
      .strict(),
  })
  .strict();

export const sessionItemSchema = z
  .object({
    id: clientIdSchema,
    kind: z.literal('session'),
    occurredAt: isoTime,
    data: z
      .object({
        event: z.enum(['sign_in', 'sign_out', 'break_start', 'break_end', 'heartbeat']),
        workstationId: z.string().min(1).max(100),
        appVersion: z.string().max(40).optional(),
      })
      .strict(),
  })
  .strict();

/**
 * A callback booked at the desk (预约回呼), mine or another agent's. `assignee` null: whoever holds
 * the case takes it. The centre delivers it to the assignee's pull (handing the case over when the
 * assignee is not its holder). `dueAt` past the case deadline needs `overrideReason`.
 */
export const callbackItemSchema = z
  .object({
    id: clientIdSchema,
    kind: z.literal('callback'),
    policyNo: policyNoSchema,
    occurredAt: isoTime,
    data: z
      .object({
        dueAt: isoTime,
        assignee: staffNoSchema.nullable(),
        bookedBy: staffNoSchema,
        note: z.string().max(2000).default(''),
        overrideReason: z.string().min(1).max(500).optional(),
      })
      .strict(),
  })
  .strict();

/** A phone number as dialled: digits with an optional leading +, dashes or spaces; 3–30 long. */
export const phoneNumberSchema = z.string().regex(/^\+?[0-9][0-9 -]{1,28}[0-9]$/, 'must be a phone number (digits, optional +, dashes, spaces)');

/**
 * A phone number corrected at a desk (号码更正). The original stays on file; `corrected` replaces
 * it for dialling, or is null when the number was only marked wrong. Kept with who and when.
 */
export const phoneCorrectionItemSchema = z
  .object({
    id: clientIdSchema,
    kind: z.literal('phone_correction'),
    policyNo: policyNoSchema,
    occurredAt: isoTime,
    data: z
      .object({
        /** As the core system holds it (its format is not ours to police: any non-empty text). */
        original: z.string().trim().min(1).max(40),
        corrected: phoneNumberSchema.nullable(),
        reason: z.string().trim().min(1).max(500),
        correctedBy: staffNoSchema,
      })
      .strict(),
  })
  .strict();

/**
 * A call to the desk the agent could not take (busy: 486 while on a call; unavailable: 480
 * otherwise). Customers ring back the number that called them: the centre keeps every one so the
 * team lead sees them (GET /api/team/missed-calls) and nobody is left waiting unanswered. `from`
 * is the caller's number as the network gave it (empty when withheld).
 */
export const missedCallItemSchema = z
  .object({
    id: clientIdSchema,
    kind: z.literal('missed_call'),
    occurredAt: isoTime,
    data: z
      .object({
        from: z.string().max(40),
        sipCode: z.union([z.literal(486), z.literal(480)]),
        workstationId: z.string().min(1).max(100),
      })
      .strict(),
  })
  .strict();

/** One pushed item. */
export const pushItemSchema = z.discriminatedUnion('kind', [
  attemptItemSchema,
  resultItemSchema,
  sessionItemSchema,
  callbackItemSchema,
  phoneCorrectionItemSchema,
  missedCallItemSchema,
]);
export type PushItem = z.input<typeof pushItemSchema>;
export type ParsedPushItem = z.output<typeof pushItemSchema>;
export type ResultItem = z.output<typeof resultItemSchema>;
export type CallbackItem = z.output<typeof callbackItemSchema>;
export type PhoneCorrectionItem = z.output<typeof phoneCorrectionItemSchema>;

/** Most items one push may carry. */
export const MAX_PUSH_ITEMS = 200;

/** POST /api/sync/push */
export const pushRequestSchema = z
  .object({
    items: z.array(pushItemSchema).min(1).max(MAX_PUSH_ITEMS),
  })
  .strict();
export type PushRequest = z.input<typeof pushRequestSchema>;

/**
 * Per-item acknowledgement.
 * - `accepted`: stored now. - `duplicate`: stored earlier under this id (also a success: stop re-sending).
 * - `rejected`: will never be stored (wrong case, id reused with other content); stop re-sending and show it.
 */
export const pushAckSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  /** Who the centre attributes the item to (the caller; never the current assignee). */
  attributedTo: z.string().optional(),
  /** Set when the case had meanwhile been reassigned or closed; the item still counts. */
  caseNote: z.enum(['reassigned', 'already_closed']).optional(),
  reason: z.object({ code: z.enum(['unknown_case', 'not_assigned', 'id_reused', 'bad_assignee', 'not_caller']), zh: z.string(), en: z.string() }).optional(),
});
export type PushAck = z.infer<typeof pushAckSchema>;

export const pushResponseSchema = z.object({ acks: z.array(pushAckSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;
