import { z } from 'zod';
import { channel, event } from '../define';

/** Application-level channels: identity of the running host, liveness, settings. */
export const appChannels = {
  'app:info': channel(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'web']),
      platform: z.string(),
      dataDir: z.string(),
    }),
    'Returns the product name, version and which host serves the renderer.',
  ),
  'app:ping': channel(
    z.object({ nonce: z.string().max(200) }).strict(),
    z.object({ nonce: z.string(), receivedAt: z.number() }),
    'Echoes a nonce; used for liveness and round-trip measurements.',
  ),
} as const;

/** Application-level events. */
export const appEvents = {
  'app:notice': event(
    z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
    'A message the main process wants the agent to see (e.g. a service failed).',
  ),
} as const;
