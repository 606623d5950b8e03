import { z } from 'zod';

/**
 * Push channel (WebSocket at /api/sync/ws): the centre only announces that something changed;
 * the workstation then pulls. Losing a message is harmless because polling is the fallback.
 */
export const channelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), staffNo: z.string() }),
  /** New changes exist for this agent; pull from your cursor. */
  z.object({ type: z.literal('changed') }),
  /** A team lead's board: this agent of the lead's team published a new live state (read GET /api/team/live). */
  z.object({ type: z.literal('live'), staffNo: z.string() }),
  /** The session ended (token expired or revoked); the client should refresh and reconnect. */
  z.object({ type: z.literal('bye'), reason: z.string() }),
]);
export type ChannelMessage = z.infer<typeof channelMessageSchema>;

/** Path of the push channel. */
export const CHANNEL_PATH = '/api/sync/ws';
