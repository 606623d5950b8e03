import { z } from 'zod';
import { channel, event } from '../define';
import {
  centerUserSchema,
  deskConfigSchema,
  pullResponseSchema,
  pushAckSchema,
  pushItemSchema,
  rosterResponseSchema,
  MAX_PUSH_ITEMS,
  liveStateSchema,
  liveUpdateSchema,
  teamLiveResponseSchema,
  monitorGrantRequestSchema,
  monitorGrantSchema,
  monitorVerifyRequestSchema,
  monitorEndedRequestSchema,
  monitorVerdictSchema,
  teamCaseSchema,
  reassignRequestSchema,
  reassignResponseSchema,
  teamPhoneCorrectionsResponseSchema,
  phoneCorrectionReviewBodySchema,
  phoneCorrectionReviewSchema,
  teamCallbacksResponseSchema,
} from '../../sync';

/**
 * Link state between this workstation and the case centre, as the agent sees it.
 *
 *   signed_out --signIn ok--> online <--reachable / unreachable--> offline
 *        ^                      |                                     |
 *        +------ signOut -------+-------------------------------------+
 *
 * `offline` still means signed in: the workstation works from its cache and keeps results in the
 * outbox until the centre answers again.
 */
export const centerLinkStateSchema = z.object({
  phase: z.enum(['signed_out', 'online', 'offline']),
  user: centerUserSchema.nullable(),
  /** Centre base URL (embedded or configured); null while the embedded centre is starting. */
  url: z.string().nullable(),
  embedded: z.boolean(),
  /** Readable reason of the last failure (zh-CN). */
  lastError: z.string().nullable(),
  /** ISO time of the last successful exchange with the centre. */
  lastContactAt: z.string().nullable(),
});
export type CenterLinkState = z.infer<typeof centerLinkStateSchema>;

/** What a centre call gives back when the centre cannot be reached: a normal state, not an error. */
const offlineAnswer = z.object({ kind: z.literal('offline'), message: z.string() });
/** The centre answered and refused (bad credentials, token revoked, invalid request). */
const refusedAnswer = z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() });

/** Channels of the workstation ↔ case-centre link. Tokens never leave the main process. */
export const centerChannels = {
  'center:signIn': channel(
    z.object({ staffNo: z.string().regex(/^\d{3,12}$/), password: z.string().min(1).max(200) }).strict(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('signed_in'), user: centerUserSchema, mode: z.enum(['online', 'offline']) }),
      offlineAnswer,
      refusedAnswer,
    ]),
    'Signs the agent in at the centre; when the centre is unreachable, signs in offline if this workstation verified the same credentials before.',
  ),
  'center:signOut': channel(z.object({}).strict(), z.object({ signedOut: z.literal(true) }), 'Signs out and forgets the tokens.'),
  'center:getStatus': channel(z.object({}).strict(), centerLinkStateSchema, 'Returns the current link state.'),
  'center:pull': channel(
    z.object({ cursor: z.string().max(40).nullable(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), response: pullResponseSchema }), offlineAnswer, refusedAnswer]),
    'Pulls changes to the assigned queue since the cursor (null: full snapshot).',
  ),
  'center:push': channel(
    z.object({ items: z.array(pushItemSchema).min(1).max(MAX_PUSH_ITEMS) }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), acks: z.array(pushAckSchema) }), offlineAnswer, refusedAnswer]),
    'Pushes attempts, results and session events with client-generated ids (idempotent: re-send until acknowledged).',
  ),
  'center:roster': channel(
    z.object({}).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), roster: rosterResponseSchema }), offlineAnswer, refusedAnswer]),
    "Lists the signed-in agent's team colleagues who can take a callback (agents and team leads).",
  ),
  'center:deskConfig': channel(
    z.object({}).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), config: deskConfigSchema }), offlineAnswer, refusedAnswer]),
    "Reads the centre's desk settings (company name said in the script, attempt limit).",
  ),
  'center:publishLive': channel(
    liveStateSchema,
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok') }), offlineAnswer, refusedAnswer]),
    "Publishes this desk's live state (status, case, call phase, script step; no personal data) for the team lead's board; offline it is dropped, never queued.",
  ),
  'center:teamLive': channel(
    z.object({ team: z.string().min(1).max(40).optional() }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), live: teamLiveResponseSchema }), offlineAnswer, refusedAnswer]),
    "Reads the live board of the lead's team (admins: any team): every active agent's last live state, stale ones marked.",
  ),
  'center:monitorGrant': channel(
    monitorGrantRequestSchema,
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), grant: monitorGrantSchema }), offlineAnswer, refusedAnswer]),
    'Team leads: asks the centre for a 30-second grant to listen in to an agent of the team who is in a call (audited as monitor.start).',
  ),
  'center:monitorVerify': channel(
    monitorVerifyRequestSchema,
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), verdict: monitorVerdictSchema }), offlineAnswer, refusedAnswer]),
    "Agents' desks: checks a listen-in grant received on an INVITE (names this agent, signed by the centre, not expired, not used).",
  ),
  'center:monitorEnded': channel(
    monitorEndedRequestSchema,
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok') }), offlineAnswer, refusedAnswer]),
    "Agents' desks: a lead's listen-in leg ended (hung up or its media died); a barge it held is released (audited as monitor.ended).",
  ),
  'center:teamCases': channel(
    z.object({ team: z.string().min(1).max(40).optional() }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), cases: z.array(teamCaseSchema) }), offlineAnswer, refusedAnswer]),
    "Team leads: the team's cases, names and phones masked (GET /api/team/cases; admins: any team).",
  ),
  'center:reassign': channel(
    reassignRequestSchema,
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), result: reassignResponseSchema }), offlineAnswer, refusedAnswer]),
    'Team leads: gives one case of the team to another active agent of the team (POST /api/team/reassign).',
  ),
  'center:teamPhoneCorrections': channel(
    z.object({ team: z.string().min(1).max(40).optional() }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), corrections: teamPhoneCorrectionsResponseSchema }), offlineAnswer, refusedAnswer]),
    "Team leads: the team's phone corrections still to be reviewed (GET /api/team/phone-corrections?review=pending).",
  ),
  'center:reviewPhoneCorrection': channel(
    phoneCorrectionReviewBodySchema.extend({ id: z.string().min(1).max(80) }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), review: phoneCorrectionReviewSchema }), offlineAnswer, refusedAnswer]),
    'Team leads: accepts or rejects one phone correction of the team, once (POST /api/team/phone-corrections/:id/review).',
  ),
  'center:teamCallbacks': channel(
    z.object({ team: z.string().min(1).max(40).optional() }).strict(),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), callbacks: teamCallbacksResponseSchema }), offlineAnswer, refusedAnswer]),
    "Team leads: callbacks booked on the team's open cases, overdue ones marked (GET /api/team/callbacks).",
  ),
} as const;

/** Events of the centre link. */
export const centerEvents = {
  'center:status': event(centerLinkStateSchema, 'The link state changed (signed in/out, went offline, came back).'),
  'center:changed': event(z.object({ cursor: z.string().nullable() }), 'The centre announced new changes for this agent: pull now.'),
  'center:live': event(
    z.object({ staffNo: z.string(), update: liveUpdateSchema.optional() }),
    'Team leads: an agent of the team published a new live state or signed out; `update` carries it (older centres: refresh the board).',
  ),
} as const;
