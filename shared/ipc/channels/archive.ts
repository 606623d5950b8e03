import { z } from 'zod';
import { archiveListQuerySchema, archivedSessionRowSchema } from '../../sync/archive';
import { channel, event } from '../define';

const count = z.number().int().nonnegative();
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId: 8–64 letters, digits, _ or -');
const offline = z.object({ kind: z.literal('offline'), message: z.string() });
const refused = z.object({ kind: z.literal('refused'), code: z.string(), message: z.string() });

/** The evidence archive: the desk's closed sessions and recordings go to the centre once (README "Evidence archive"). */
export const archiveChannels = {
  'archive:run': channel(
    z.object({ callUp: z.boolean() }).strict(),
    z.object({
      /** True when nothing was tried: a call is up (uploads yield to live calls) or nobody is signed in. */
      skipped: z.boolean(),
      archived: count,
      waiting: count,
      waitingBytes: count,
      setAside: count,
    }),
    'Uploads the closed sessions not yet archived at the centre (skipped while a call is up); the sync engine calls it after each push.',
  ),
  'archive:list': channel(
    archiveListQuerySchema.extend({ limit: z.number().int().min(1).max(5000).default(1000) }),
    z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok'), items: z.array(archivedSessionRowSchema) }), offline, refused]),
    "Lists the centre's archived sessions the signed-in person may see, with the centre's filters (audited there).",
  ),
  'archive:fetch': channel(
    z.object({ sessionId }).strict(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ok'), source: z.enum(['local', 'centre']), bytes: count }),
      offline,
      refused,
      z.object({ kind: z.literal('failed'), message: z.string() }),
    ]),
    'Brings an archived session onto this desk once (verified, stored encrypted) so it plays offline; `local` when it is here already.',
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
