import { z } from 'zod';
import { channel, event } from '../define';

/** Largest decoded recording chunk accepted over IPC (one ≤1 s Opus chunk is a few kB). */
/**
 * Total Opus bitrate of a call recording: two mono streams of 12 kbit/s, agent and customer
 * (renderer/features/recording/opus-multistream.ts says why not one stereo stream). Measured
 * against the same call at 128 kbit/s: STOI 0.975 on each side (bench/recording.bench.ts).
 */
export const RECORDING_BITS_PER_SECOND = 24_000;

export const MAX_CHUNK_BYTES = 256 * 1024;
/** Largest decoded slice returned by one `playback:read` call. */
export const MAX_PLAYBACK_SLICE_BYTES = 4 * 1024 * 1024;

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'id: 8–64 letters, digits, _ or -');
const text = (max: number) => z.string().max(max);
const epochMs = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');
// base64 of at most MAX_CHUNK_BYTES: 4 characters per 3 bytes.
const chunkBase64 = z
  .string()
  .max(Math.ceil(MAX_CHUNK_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'data: base64');

/** A period in which the call was not being recorded safely (disk full, permission, lost chunks). */
export const recordingGapSchema = z.object({
  startedAt: epochMs,
  /** null while the gap is still open. */
  endedAt: epochMs.nullable(),
  reason: z.string(),
});
export type RecordingGap = z.infer<typeof recordingGapSchema>;

/** One file of a finalised recording, with its SHA-256. */
export const manifestPartSchema = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The waveform of a recording, computed by the desk's recorder from the audio it encodes: the
 * largest absolute sample of each `bucketMs` slice, per channel, scaled to 0–255, as base64 bytes.
 * QA's player draws it at once instead of decoding the whole recording first.
 */
export const recordingPeaksSchema = z
  .object({
    bucketMs: z.number().int().min(10).max(10_000),
    // 24 h of 250 ms buckets is 345 600 bytes: 460 800 base64 characters.
    agent: z
      .string()
      .max(500_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    customer: z
      .string()
      .max(500_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();
export type RecordingPeaks = z.infer<typeof recordingPeaksSchema>;

/** Written when a recording is finalised; its presence marks the recording as complete. */
export const recordingManifestSchema = z.object({
  version: z.literal(1),
  sessionId: z.string(),
  mimeType: z.string(),
  channels: z.object({ left: z.literal('agent'), right: z.literal('customer') }),
  startedAt: epochMs,
  finalisedAt: epochMs,
  durationMs: z.number().nonnegative(),
  /** true when the recording was finalised by crash recovery at the next start. */
  recovered: z.boolean(),
  chunksReceived: z.number().int().nonnegative(),
  /** SHA-256 of every part: the encrypted container and the plaintext WebM it holds. */
  parts: z.array(manifestPartSchema),
  /** SHA-256 of every received chunk (plaintext), in order: evidence that nothing was altered. */
  chunkSha256: z.array(z.string()),
  gaps: z.array(recordingGapSchema),
  /** Absent on recordings finalised by crash recovery or made before the recorder computed it. */
  peaks: recordingPeaksSchema.optional(),
});
export type RecordingManifest = z.infer<typeof recordingManifestSchema>;

/** Recording state as the agent sees it. `failed` means audio is not being saved. */
export const recordingStateSchema = z.enum(['idle', 'recording', 'failed', 'finalised']);

/** A marker per script question: when it was asked/answered (from the script engine's timestamps). */
/** Marker id of hold (answer `on`) and resume (`off`) on a session; QA's timeline shows them as spans. */
export const HOLD_MARKER = '_hold';
/**
 * Marker id of a lead's coaching on the call: answer `whisper:<lead staff no>` or
 * `barge:<lead staff no>` when a mode starts (a switch starts the next one), `off` when it ends.
 * Whisper is not in the recording (the customer never hears it); the marker is how QA knows the
 * agent was being coached then.
 */
export const COACHING_MARKER = '_coaching';
/**
 * Marker id of a span with no audio from the customer (a connected call whose media never
 * flowed, or stopped): `at` = the start, answer `<reason>|<end epoch ms or empty>`.
 */
export const NO_MEDIA_MARKER = '_no_media';

export const sessionMarkerSchema = z.object({
  questionId: text(100),
  at: epochMs,
  answer: text(500).nullable(),
  /**
   * True when this answer was given on the re-ask after the agent read the explanation of a non-是
   * first answer: it completes the first answer (cleared or not) instead of replacing it. Absent on
   * sessions recorded before the field existed.
   */
  reask: z.boolean().optional(),
});

/** Retention of a call session (docs/domain.md §9, §11). */
export const retentionSchema = z.object({
  /** Epoch ms before which the session cannot be deleted; null = indefinitely (contract end unknown). */
  until: epochMs.nullable(),
  contractEndDate: isoDate.nullable(),
  legalHold: z.boolean(),
  legalHoldReason: z.string().nullable(),
});

/** A call session: everything that shows what happened on one call. Encrypted at rest. */
export const callSessionSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  agentId: z.string().nullable(),
  scriptId: z.string().nullable(),
  scriptVersion: z.string().nullable(),
  sipCallId: z.string().nullable(),
  createdAt: epochMs,
  /** Dial time. */
  startedAt: epochMs.nullable(),
  answeredAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  markers: z.array(sessionMarkerSchema),
  answers: z.record(z.string(), z.string()),
  outcome: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  /**
   * The values the script's placeholders had on this call (`productName` → 测试终身寿险 …), contact
   * data masked: QA reads each question as it was read. Absent on sessions recorded before.
   */
  scriptValues: z.record(z.string(), z.string()).optional(),
  /**
   * A practice call on the training line (the case is a training case, shared/domain/training-cases.ts):
   * kept on this desk only, never archived, deletable at once. Absent on real calls.
   */
  training: z.literal(true).optional(),
  /** The result's kind codes (docs/domain.md §6), e.g. `forged_signature`; absent on sessions closed before they were kept. */
  kinds: z.array(z.string()).optional(),
  state: z.enum(['open', 'closed']),
  recording: z.object({
    state: z.enum(['none', 'recording', 'failed', 'finalised']),
    recovered: z.boolean(),
    manifest: recordingManifestSchema.nullable(),
    gaps: z.array(recordingGapSchema),
    /**
     * When this desk deleted the recording's local audio after the centre archived it (the desk's
     * retention setting); absent while the audio is here. Replaying fetches it back from the centre.
     */
    audioDeletedAt: epochMs.optional(),
  }),
  retention: retentionSchema,
});
export type CallSession = z.infer<typeof callSessionSchema>;

const sessionRef = z.object({ sessionId: id }).strict();

/** Call sessions and their recordings. */
export const recordingChannels = {
  'session:open': channel(
    z
      .object({
        caseId: text(100).nullable().default(null),
        agentId: text(100).nullable().default(null),
        scriptId: text(100).nullable().default(null),
        scriptVersion: text(50).nullable().default(null),
        contractEndDate: isoDate.nullable().default(null),
        /** The script's placeholder values for this call (see `callSessionSchema.scriptValues`). */
        scriptValues: z
          .record(text(40), text(500))
          .refine((v) => Object.keys(v).length <= 100, { message: 'at most 100 values' })
          .optional(),
      })
      .strict(),
    z.object({ sessionId: z.string() }),
    'Opens a call session before dialling and returns its id.',
  ),
  'session:setCallInfo': channel(
    z
      .object({
        sessionId: id,
        sipCallId: text(200).optional(),
        startedAt: epochMs.optional(),
        answeredAt: epochMs.optional(),
        endedAt: epochMs.optional(),
      })
      .strict(),
    z.object({ ok: z.literal(true) }),
    'Records the SIP call id and the dial/answer/hang-up times of a session.',
  ),
  'session:attachCase': channel(
    z
      .object({
        sessionId: id,
        caseId: text(100),
        contractEndDate: isoDate.nullable().default(null),
        scriptValues: z
          .record(text(40), text(500))
          .refine((v) => Object.keys(v).length <= 100, { message: 'at most 100 values' })
          .optional(),
      })
      .strict(),
    z.object({ ok: z.literal(true) }),
    'Gives a session opened for a caller who matched no case the case the agent found (once; refused when it has one or is closed).',
  ),
  'session:marker': channel(
    z.object({ sessionId: id, questionId: text(100), at: epochMs, answer: text(500).nullable().default(null), reask: z.boolean().default(false) }).strict(),
    z.object({ ok: z.literal(true) }),
    'Adds a marker for a script question (question id, timestamp, answer, whether it is the re-ask after an explanation).',
  ),
  'session:close': channel(
    z
      .object({
        sessionId: id,
        answers: z.record(text(100), text(500)).default({}),
        outcome: text(64).nullable().default(null),
        outcomeNote: text(2000).nullable().default(null),
        kinds: z.array(text(64)).max(30).default([]),
        endedAt: epochMs.optional(),
      })
      .strict(),
    callSessionSchema,
    'Closes a session with its answers and outcome; attaches the recording manifest and gaps.',
  ),
  'session:list': channel(
    z.object({ caseId: text(100).optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(
      z.object({
        id: z.string(),
        caseId: z.string().nullable(),
        agentId: z.string().nullable(),
        createdAt: epochMs,
        endedAt: epochMs.nullable(),
        outcome: z.string().nullable(),
        state: z.enum(['open', 'closed']),
        recordingState: z.enum(['none', 'recording', 'failed', 'finalised']),
        recovered: z.boolean(),
        /** The customer could not be heard for a while (a `_no_media` marker); absent on older hosts. */
        noMedia: z.boolean().optional(),
        /** A practice call on the training line: kept on this desk only, never archived. */
        training: z.boolean().optional(),
        /** The local audio was deleted after the centre archived it: replaying fetches it back from there. */
        audioAtCentre: z.boolean().optional(),
      }),
    ),
    'Lists call sessions, newest first.',
  ),
  'session:get': channel(sessionRef, callSessionSchema, 'Returns one call session.'),
  'session:delete': channel(
    sessionRef,
    z.object({ deleted: z.literal(true) }),
    'Deletes a session and its recording; refused before retention end, under legal hold, or without authority.',
  ),
  'session:setLegalHold': channel(
    z.object({ sessionId: id, hold: z.boolean(), reason: text(500).nullable().default(null) }).strict(),
    retentionSchema,
    'Places or lifts a legal hold (authorised users only); a held session cannot be deleted.',
  ),
  'recording:start': channel(
    z
      .object({
        sessionId: id,
        mimeType: text(100).default('audio/webm;codecs=opus'),
        audioBitsPerSecond: z.number().int().min(6000).max(512000).default(RECORDING_BITS_PER_SECOND),
      })
      .strict(),
    z.object({ startedAt: epochMs }),
    'Opens the recording of a session; fails readably when the disk cannot take it.',
  ),
  'recording:chunk': channel(
    z.object({ sessionId: id, seq: z.number().int().nonnegative(), data: chunkBase64 }).strict(),
    z.object({ stored: z.boolean() }),
    'Appends one ≤1 s chunk (base64) to the recording, encrypted and synced to disk.',
  ),
  'recording:stop': channel(
    z.object({ sessionId: id, peaks: recordingPeaksSchema.optional() }).strict(),
    z.object({ manifest: recordingManifestSchema }),
    'Finalises the recording: WebM with its duration, encrypted at rest, manifest written.',
  ),
  'recording:canStartCall': channel(
    z.object({}).strict(),
    z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
    'False while recording is broken (disk full, no permission): no call may start then.',
  ),
} as const;

/** Recording events. */
export const recordingEvents = {
  'recording:status': event(
    z.object({
      sessionId: z.string().nullable(),
      state: recordingStateSchema,
      /** Readable zh-CN reason when `state` is `failed`. */
      reason: z.string().nullable(),
      at: epochMs,
    }),
    'Recording state changes; `failed` must be shown to the agent at once.',
  ),
} as const;
