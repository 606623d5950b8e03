import { z } from 'zod';
import { caseKindSchema } from './pull';
import { policyNoSchema, staffNoSchema } from './ids';
import { sipAorSchema } from './monitor';

/**
 * Live board (坐席实时监控): what an agent's desk is doing right now, published by the desk
 * (POST /api/live, the caller's OWN state only) and read by the team lead (GET /api/team/live).
 * No personal data beyond the policy number: the question text has the policyholder's and the
 * insured's names masked and every other personal placeholder left unfilled (`{premiumAmount}`).
 * Kept in the centre's memory; only each change of status reaches the database (the reports' time
 * per status, center/live/status-log.ts).
 *
 * Agent status, as the desk's status bar shows it:
 *
 *   ready <--> paused(reason)      ready --answered--> in_call --hang-up--> wrap_up --finish--> ready
 */
export const liveStatusSchema = z.enum(['ready', 'paused', 'in_call', 'wrap_up']);
export type LiveStatus = z.infer<typeof liveStatusSchema>;

/** Phase of the desk's call: dialling → ringing → connected ⇄ held. */
export const liveCallPhaseSchema = z.enum(['dialling', 'ringing', 'connected', 'held']);
export type LiveCallPhase = z.infer<typeof liveCallPhaseSchema>;

const isoTime = z
  .string()
  .max(40)
  .refine((s) => Number.isFinite(Date.parse(s)), 'must be an ISO time');
const shortCode = z.string().regex(/^[a-z][a-z0-9_:]{0,39}$/, 'must be a short lower-case code');

/** The case on the desk: its policy number, kind of work and (from newer desks) its deadline. */
export const liveCaseSchema = z
  .object({
    policyNo: policyNoSchema,
    kind: caseKindSchema,
    /** The case's visit deadline as the desk holds it (ISO date or time), for the board's deadline alert. */
    deadline: isoTime.nullable().optional(),
  })
  .strict();

/** The call: phase and since when (dialled at for dialling/ringing, answered at once connected). */
export const liveCallSchema = z.object({ phase: liveCallPhaseSchema, since: isoTime }).strict();
export type LiveCall = z.infer<typeof liveCallSchema>;

/** Where the script is. `stepId`/`questionText` are null once it has ended (then `endReason` may say why). */
export const liveScriptSchema = z
  .object({
    stepId: z.string().max(60).nullable(),
    /** 1-based position of the current step in the script, as the agent's screen counts it. */
    stepIndex: z.number().int().min(1).max(200),
    /** Steps in this case's script (the agent's "第 n / total 步"); absent from older desks. */
    stepCount: z.number().int().min(1).max(200).optional(),
    /** The current step's text as the wizard shows it, names masked, other personal placeholders left as written. */
    questionText: z.string().max(600).nullable(),
    /** The last accepted answer (`yes`/`no`/`unclear`/`refused`, or `branch:<code>`). */
    lastAnswer: z
      .object({ stepId: z.string().max(60), answer: shortCode })
      .strict()
      .nullable(),
    endReason: shortCode.optional(),
  })
  .strict();
export type LiveScript = z.infer<typeof liveScriptSchema>;

/**
 * The call's recording as the desk sees it: being written, or failed (the host refused or lost
 * it, or no call may start because recording is broken). Absent: no call being recorded.
 */
export const liveRecordingSchema = z.enum(['recording', 'failed']);
export type LiveRecording = z.infer<typeof liveRecordingSchema>;

/** One agent's live state as the desk publishes it. */
export const liveStateSchema = z
  .object({
    status: liveStatusSchema,
    /** ISO time the status began. */
    statusSince: isoTime,
    /** Pause reason code (示忙原因) while paused, else null. */
    pauseReason: shortCode.nullable(),
    case: liveCaseSchema.nullable(),
    call: liveCallSchema.nullable(),
    script: liveScriptSchema.nullable(),
    /** ISO time the desk built this state. */
    updatedAt: isoTime,
    /** The desk's softphone address (for the lead's listen-in); absent or null without a softphone. */
    sipUri: sipAorSchema.nullable().optional(),
    /** The recording of the current call; absent from older desks and when nothing is recorded. */
    recording: liveRecordingSchema.optional(),
  })
  .strict();
export type LiveState = z.infer<typeof liveStateSchema>;

/** Seconds without a publication after which an agent counts as stale (离线/未上报). */
export const LIVE_STALE_SECONDS = 90;
/** Shortest gap between two publications of one caller the centre accepts (ms). */
export const LIVE_MIN_GAP_MS = 200;

/**
 * One agent of the team on the board. `state` is null when the agent never published since the
 * centre started or has signed out; `stale` when the last publication is older than 90 s.
 */
export const liveAgentSchema = z.object({
  staffNo: staffNoSchema,
  name: z.string(),
  state: liveStateSchema.nullable(),
  /** ISO time (centre clock) the last publication arrived; null with `state`. */
  receivedAt: z.string().nullable(),
  stale: z.boolean(),
});
export type LiveAgent = z.infer<typeof liveAgentSchema>;

/** GET /api/team/live — every active agent of the team, sorted by staff number. */
export const teamLiveResponseSchema = z.object({
  team: z.string(),
  /** Centre time of the answer (ISO). */
  at: z.string(),
  agents: z.array(liveAgentSchema),
});
export type TeamLiveResponse = z.infer<typeof teamLiveResponseSchema>;

/** Query of GET /api/team/live (`team`: admins only, any team; a lead may name only their own). */
export const teamLiveQuerySchema = z.object({ team: z.string().min(1).max(40).optional() }).strict();
