import { z } from 'zod';
import { channel, event } from '../define';

/** One ICE server as RTCPeerConnection takes it (TURN credentials stay in the main process file). */
export const iceServerSchema = z.object({
  urls: z.union([z.string().min(1).max(300), z.array(z.string().min(1).max(300)).min(1).max(8)]),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});

/**
 * The softphone account and behaviour settings (everything but the password, which never leaves
 * the main process except through `softphone:credentials`).
 */
export const softphoneConfigSchema = z.object({
  /** Address of record, e.g. `sip:1001@pbx.example.cn`. */
  sipUri: z.string().regex(/^sips?:[^@\s]+@[^\s]+$/, 'sipUri: sip:user@domain'),
  /** Digest user name; usually the user part of the URI. */
  authUser: z.string().min(1).max(100),
  /** Shown to the callee (From display name). */
  displayName: z.string().max(100).default(''),
  /** Number presented to the customer (sent as P-Preferred-Identity); empty = the account's own. */
  callerId: z
    .string()
    .regex(/^[0-9+*#]*$/, 'callerId: digits')
    .max(32)
    .default(''),
  /** The proxy's WebSocket URL, `wss://…` (or `ws://127.0.0.1:…` for loopback tests). */
  wsUrl: z.string().regex(/^wss?:\/\/[A-Za-z0-9.\-[\]:]+(\/[^\s]*)?$/, 'wsUrl: ws(s)://host[:port][/path]'),
  /** Prepended to every dialled number (e.g. "9" for an outside line). */
  dialPrefix: z
    .string()
    .regex(/^[0-9*#+]*$/, 'dialPrefix: digits')
    .max(10)
    .default(''),
  /** Ring time before the attempt counts as no answer. */
  ringTimeoutSec: z.number().int().min(5).max(180).default(45),
  iceServers: z.array(iceServerSchema).max(8).default([]),
  /** How long ICE gathering may take before the offer is sent (INFRA.md: 50 ms on loopback). */
  iceGatheringTimeoutMs: z.number().int().min(10).max(5000).default(500),
});
export type SoftphoneConfig = z.output<typeof softphoneConfigSchema>;
/** Settings as a caller may send them (defaults not yet applied). */
export type SoftphoneConfigInput = z.input<typeof softphoneConfigSchema>;

/** Call states the main process tracks (it keeps the display awake while a call is up). */
export const reportedCallStateSchema = z.enum(['idle', 'calling', 'ringing', 'established', 'held', 'ending']);
export type ReportedCallState = z.infer<typeof reportedCallStateSchema>;

const configView = z.object({
  config: softphoneConfigSchema.nullable(),
  hasPassword: z.boolean(),
  managedByCentre: z.boolean(),
  /** Why the centre's account for the signed-in agent could not be used (the desk says so). */
  centreProblem: z.string().optional(),
});

/** Softphone channels: account settings, the registration secret, call state for wake-keeping. */
export const softphoneChannels = {
  'softphone:getConfig': channel(z.object({}).strict(), configView, 'Returns the softphone account settings (no password) and whether a password is stored.'),
  'softphone:saveConfig': channel(
    z
      .object({
        config: softphoneConfigSchema,
        /** New password; absent keeps the stored one, empty string removes it. */
        password: z.string().max(200).optional(),
      })
      .strict(),
    configView,
    'Saves the account settings; the password is stored encrypted by the OS keystore.',
  ),
  'softphone:checkProxies': channel(
    z.object({}).strict(),
    z.object({ reload: z.boolean() }),
    'Learns the proxies of the centre’s SIP accounts; reload: true when this page’s CSP does not allow one of them yet.',
  ),
  'softphone:credentials': channel(
    z.object({}).strict(),
    z.object({ authUser: z.string(), password: z.string() }),
    'Hands the renderer the digest credentials it needs to register (never persisted there).',
  ),
  'softphone:reportCallState': channel(
    z.object({ state: reportedCallStateSchema, callId: z.string().max(200).optional() }).strict(),
    z.object({ keepingAwake: z.boolean() }),
    'Tells the main process the call state; it keeps the display awake while a call is up.',
  ),
} as const;

/** Softphone events. */
export const softphoneEvents = {
  'softphone:hangupRequested': event(
    z.object({ source: z.enum(['shortcut', 'tray']) }),
    'The agent pressed the global hang-up shortcut: hang up or cancel the current call.',
  ),
  'softphone:configChanged': event(z.object({ hasPassword: z.boolean() }), 'Account settings changed; the renderer re-reads them and registers again.'),
} as const;
