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
  'app:cacheKey': channel(
    z.object({}).strict(),
    z.object({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes') }),
    'Returns the per-workstation key (base64, 32 bytes) that seals personal data in the renderer cache. Fails rather than hand out no key.',
  ),
} as const;

/** Application-level events. */
export const appEvents = {
  'app:notice': event(
    z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
    'A message the main process wants the agent to see (e.g. a service failed).',
  ),
} as const;
