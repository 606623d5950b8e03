import { z } from 'zod';
import { liveStateSchema } from './live';

/** An agent's state as a `live` message carries it: as GET /api/team/live lists it, minus the name. */
export const liveUpdateSchema = z.object({ state: liveStateSchema.nullable(), receivedAt: z.string().nullable() });
export type LiveUpdate = z.infer<typeof liveUpdateSchema>;

/**
 * Push channel (WebSocket at /api/sync/ws): the centre only announces that something changed;
 * the workstation then pulls. Losing a message is harmless because polling is the fallback.
 */
export const channelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), staffNo: z.string() }),
  /** New changes exist for this agent; pull from your cursor. */
  z.object({ type: z.literal('changed') }),
  /**
   * A team lead's board: this agent of the lead's team published a new live state or signed out.
   * Newer centres carry the change itself in `update` (state null: no longer on this team's board)
   * so the board needs no read; without it (older centres) the board reads GET /api/team/live.
   */
  z.object({ type: z.literal('live'), staffNo: z.string(), update: liveUpdateSchema.optional() }),
  /** The session ended (token expired or revoked); the client should refresh and reconnect. */
  z.object({ type: z.literal('bye'), reason: z.string() }),
]);
export type ChannelMessage = z.infer<typeof channelMessageSchema>;

/** Path of the push channel. */
export const CHANNEL_PATH = '/api/sync/ws';
