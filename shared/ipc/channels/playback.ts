import { z } from 'zod';
import { channel } from '../define';
import { MAX_PLAYBACK_SLICE_BYTES } from './recording';

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'id: 8–64 letters, digits, _ or -');
const handle = z.string().uuid('handle: the id `playback:open` answered');
const count = z.number().int().nonnegative();

/**
 * Streamed playback of a recorded session (README "Evidence archive"): open once (access checked and
 * logged), read byte ranges of the decrypted WebM as the player needs them, close when leaving. The
 * host opens only the encrypted frames a range covers and checks the whole file in the background;
 * `integrity` says whether that check has finished (`verified`) or is still running (`pending`).
 */
export const playbackChannels = {
  'playback:open': channel(
    z.object({ sessionId: id }).strict(),
    z.object({ handle: z.string(), mimeType: z.string(), totalBytes: count, durationMs: z.number().nonnegative() }),
    "Opens a session's recording for playback by this window; every open is logged.",
  ),
  'playback:read': channel(
    z.object({ handle, offset: count, length: z.number().int().min(1).max(MAX_PLAYBACK_SLICE_BYTES) }).strict(),
    z.object({ offset: count, data: z.string(), totalBytes: count, integrity: z.enum(['pending', 'verified', 'failed']) }),
    'A range of the decrypted recording (base64); a tampered frame is an error.',
  ),
  'playback:close': channel(z.object({ handle }).strict(), z.object({ closed: z.literal(true) }), 'Closes a playback handle (idempotent).'),
} as const;
