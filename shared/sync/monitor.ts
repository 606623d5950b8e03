import { z } from 'zod';
import { staffNoSchema } from './ids';

/**
 * Team-lead listen-in (班长监听). A lead asks the centre for a grant to listen to one agent of
 * their team (admins: any agent) while the live board says that agent is in a call
 * (POST /api/team/monitor); the lead's softphone then sends a receive-only INVITE to the agent's
 * SIP address carrying the grant in the `X-Huifang-Monitor` header. The agent's desk asks the
 * centre whether the grant names it (POST /api/monitor/verify) before it answers send-only with
 * both sides of its call mixed. Grants live 30 s, are single-use and are audited
 * (`monitor.start`, `monitor.verified` / `monitor.refused`).
 *
 * Coaching (辅导) rides on the same leg: each grant names a mode. `listen` — the lead hears both
 * sides, nothing goes back; `whisper` (耳语) — the lead's voice reaches the agent's ear only;
 * `barge` (强插) — the lead's voice also goes into the customer leg and the recording's agent
 * channel. The lead switches with a fresh grant sent as SIP INFO inside the leg; the agent's desk
 * verifies it like the first one and only then changes what it does with the lead's audio, so a
 * refused switch leaves the call as it was. At most one lead barges into a call.
 *
 *   listen <--grant--> whisper <--grant--> barge <--grant--> listen   (any to any, each audited)
 *
 *   lead: idle --grant--> requesting --INVITE--> connecting --200--> listening --stop / BYE--> idle
 *   agent desk: INVITE(header) --verify ok & in a call--> 200 send-only --customer call ends--> BYE
 *                              --bad grant--> 403     --not in a call--> 480
 */

/** SIP header carrying the grant on the lead's INVITE. */
export const MONITOR_HEADER = 'X-Huifang-Monitor';

/** Lifetime of a grant (seconds): long enough for one INVITE, short enough not to be kept. */
export const MONITOR_GRANT_TTL_SECONDS = 30;

/** A grant as text: `mg1.<payload>.<signature>` (base64url). */
export const monitorGrantTextSchema = z.string().regex(/^mg1\.[A-Za-z0-9_-]{10,600}\.[A-Za-z0-9_-]{20,100}$/, 'must be a monitor grant');

/** SIP address of a desk's softphone (`sip:user@domain`), as desks publish it in their live state. */
export const sipAorSchema = z.string().regex(/^sips?:[^@\s<>;]{1,64}@[^\s<>;]{1,128}$/, 'must be a SIP address');

/** What a lead does on the leg: hear only, speak to the agent only, or speak to both parties. */
export const monitorModeSchema = z.enum(['listen', 'whisper', 'barge']);
export type MonitorMode = z.infer<typeof monitorModeSchema>;

/** Content type of the in-dialog INFO that switches a leg's mode (its body is the mode). */
export const MONITOR_SWITCH_CONTENT_TYPE = 'application/x-huifang-monitor';

/** POST /api/team/monitor — the lead asks to listen to (or coach) `staffNo`; mode defaults to listen. */
export const monitorGrantRequestSchema = z.object({ staffNo: staffNoSchema, mode: monitorModeSchema.optional() }).strict();

/** The centre's grant: where to send the INVITE and what to put in its header. */
export const monitorGrantSchema = z.object({
  grant: monitorGrantTextSchema,
  agent: staffNoSchema,
  agentName: z.string(),
  /** The agent's softphone address (from the desk's live state). */
  sipUri: sipAorSchema,
  /** The case the agent is working on when the grant was issued (null: none). */
  policyNo: z.string().nullable(),
  /** ISO time after which the agent's desk refuses the grant. */
  expiresAt: z.string(),
  /** What the grant allows (absent from older centres: listen). */
  mode: monitorModeSchema.optional(),
});
export type MonitorGrant = z.infer<typeof monitorGrantSchema>;

/** POST /api/monitor/verify — the agent's desk checks a grant it received. */
export const monitorVerifyRequestSchema = z.object({ grant: z.string().min(1).max(1000) }).strict();

/**
 * POST /api/monitor/ended — the agent's desk says a lead's leg ended (the lead hung up, or its media
 * died: a crashed desk sends no BYE), so the call is free for another lead to barge into.
 */
export const monitorEndedRequestSchema = z.object({ lead: staffNoSchema }).strict();
/** Its answer: whether the lead held the call's barge (and so freed it). */
export const monitorEndedSchema = z.object({ released: z.boolean() });
export type MonitorEnded = z.infer<typeof monitorEndedSchema>;

/** Why a grant is refused. */
export const monitorRefusalSchema = z.enum(['bad_signature', 'expired', 'wrong_agent', 'already_used', 'lead_inactive', 'not_in_call', 'barge_taken']);
export type MonitorRefusal = z.infer<typeof monitorRefusalSchema>;

/** The verdict on a grant: who listens, or why not (a value: the desk answers 403 with the reason). */
export const monitorVerdictSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('valid'), lead: staffNoSchema, leadName: z.string(), expiresAt: z.string(), mode: monitorModeSchema.optional() }),
  z.object({ verdict: z.literal('refused'), reason: monitorRefusalSchema, message: z.string() }),
]);
export type MonitorVerdict = z.infer<typeof monitorVerdictSchema>;
