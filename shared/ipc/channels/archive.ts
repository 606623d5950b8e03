import { z } from 'zod';
import { channel } from '../define';

const count = z.number().int().nonnegative();

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
} as const;
