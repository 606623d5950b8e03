import { z } from 'zod';
import { archiveListQuerySchema, archivedSessionRowSchema } from '../../sync/archive';
import { channel, event } from '../define';

const count = z.number().int().nonnegative();
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId: 8–64 letters, digits, _ or -');
const offline = z.object({ kind: z.literal('offline'), message: z.string() });
const refused = z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() });

/** The evidence archive: the desk's closed sessions and recordings go to the centre once (README "Evidence archive"). */
export const archiveChannels = {
  'archive:upload': channel(
    z.object({ sessionId, callUp: z.boolean() }).strict(),
    z.discriminatedUnion('kind', [
      /** The centre verified and stored the session (now or earlier): its outbox entry is done. */
      z.object({ kind: z.literal('archived') }),
      /**
       * Not now (offline, recording not finalised, a centre fault): the bytes still to send.
       * `unreachable`: no answer from the centre at all, so the next entry would fare no better.
       */
      z.object({ kind: z.literal('waiting'), bytesLeft: count, reason: z.string(), unreachable: z.boolean().optional() }),
      /** Never: the centre refused it for good or the local file is damaged. */
      z.object({ kind: z.literal('set_aside'), reason: z.string() }),
      /** A practice session: no evidence, it never leaves the desk. */
      z.object({ kind: z.literal('not_evidence'), reason: z.string() }),
      /** Nothing tried: a call is up (uploads yield to live calls) or nobody is signed in. */
      z.object({ kind: z.literal('skipped'), reason: z.string() }),
    ]),
    "Uploads one closed session and its recording to the centre's archive (chunked, resumable, checksummed in main); the sync engine calls it for each archive entry of the outbox.",
  ),
  'archive:unarchived': channel(
    z.object({}).strict(),
    z.array(z.object({ sessionId: z.string(), bytes: count, endedAt: count.nullable() })),
    "The signed-in agent's closed sessions the centre has not acknowledged (the desk's former upload queue): adopted into the outbox once.",
  ),
  'archive:list': channel(
    archiveListQuerySchema.extend({ limit: z.number().int().min(1).max(5000).default(1000) }),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), items: z.array(archivedSessionRowSchema) }), offline, refused]),
    "Lists the centre's archived sessions the signed-in person may see, with the centre's filters (audited there).",
  ),
  'archive:fetch': channel(
    /** `playable`: answer as soon as the recording can be played (`playback:open`) while the fetch runs on. */
    z.object({ sessionId, playable: z.boolean().optional() }).strict(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ok'), source: z.enum(['local', 'centre']), bytes: count }),
      offline,
      refused,
      z.object({ kind: z.literal('failed'), message: z.string() }),
    ]),
    'Brings an archived session onto this desk once (verified, stored encrypted) so it plays offline; `local` when it is here already. With `playable` it answers once playback can start, before the download ends (ask again without it for the outcome).',
  ),
  'archive:audit': channel(
    z
      .object({
        sessionId,
        action: z.enum(['play', 'seek']),
        positionMs: z.number().nonnegative(),
        questionId: z.string().max(100).nullable().default(null),
      })
      .strict(),
    z.object({ sent: z.boolean(), waiting: count }),
    "Reports a play or seek of an archived session's recording to the centre's audit log (best effort while offline).",
  ),
} as const;

/** Archive events. */
export const archiveEvents = {
  'archive:fetchProgress': event(z.object({ sessionId: z.string(), received: count, total: count }), 'Bytes of an archived recording downloaded so far.'),
} as const;
