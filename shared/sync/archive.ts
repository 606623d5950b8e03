import { z } from 'zod';
import { callSessionSchema, recordingManifestSchema } from '../ipc/channels/recording';

/** A call session id as the desk makes it (see `CallSessionStore.open`). */
export const archiveSessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'session id: 8–64 letters, digits, _ or -');

/** Largest recording chunk one `PUT …/recording?offset=N` may carry (1 MiB). */
export const ARCHIVE_CHUNK_BYTES = 1024 * 1024;

/**
 * Request header carrying a recording chunk's SHA-256 (hex). The centre keeps a chunk only when
 * the bytes that arrived hash to it, so a chunk damaged on the way is refused and sent again.
 */
export const CHUNK_SHA256_HEADER = 'x-chunk-sha256';

/**
 * `POST /api/archive/sessions/:id` — begins (or resumes) archiving one closed call session.
 * `recording` declares the encrypted container's size and SHA-256 (null: no recording, e.g. a
 * failed one); `wrappedKey` is the desk's recording key wrapped for the centre's archive key
 * (`GET /api/archive/key`, RSA-OAEP with SHA-256), base64.
 */
export const archiveBeginSchema = z
  .object({
    session: callSessionSchema,
    manifest: recordingManifestSchema.nullable(),
    recording: z
      .object({
        size: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256: 64 lower-case hex digits'),
      })
      .strict()
      .nullable(),
    wrappedKey: z
      .string()
      .min(16)
      .max(4096)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'wrappedKey: base64'),
  })
  .strict();
export type ArchiveBegin = z.infer<typeof archiveBeginSchema>;

/** The centre's answer to begin/complete: still receiving (with the bytes it holds) or archived. */
export const archiveStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('receiving'), received: z.number().int().nonnegative() }),
  z.object({ state: z.literal('archived'), sha256: z.string().nullable().optional() }),
]);
export type ArchiveState = z.infer<typeof archiveStateSchema>;

/** `GET /api/archive/key`: the centre's archive public key (SPKI PEM) and how to wrap for it. */
export const archiveKeySchema = z.object({ algorithm: z.literal('RSA-OAEP-256'), publicKeyPem: z.string() });

/** One row of `GET /api/archive/sessions`: no personal data beyond the team listings' own. */
export const archivedSessionRowSchema = z.object({
  sessionId: z.string(),
  agentId: z.string(),
  caseId: z.string().nullable(),
  team: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  kinds: z.array(z.string()),
  recordingSha256: z.string().nullable(),
  recordingBytes: z.number().nullable(),
  archivedAt: z.string(),
  /** none / failed / finalised. */
  recordingState: z.string(),
  recovered: z.boolean(),
  /** Gaps in the recording (periods not recorded safely). */
  gapCount: z.number().int().nonnegative(),
  /** Under legal hold: the desk's when it was archived, or the centre's now (on the session or its policy). */
  legalHold: z.boolean(),
  /**
   * Retention at the centre (README "Evidence archive" → Retention): the last day to keep (null
   * while a dispute is open or not computed yet), which rule gave it, the contract end (null =
   * unknown: the date then rests on the call rule), whether a centre hold applies, and the
   * tombstone of a purged session. Optional: older centres do not send it.
   */
  retention: z
    .object({
      until: z.string().nullable(),
      basis: z.string(),
      contractEnd: z.string().nullable(),
      centreHold: z.boolean(),
      purgedAt: z.string().nullable(),
      purgeReason: z.string().nullable(),
    })
    .optional(),
  /** Kinds of the open result flags on this session's result (README "Result checks"); absent from older centres. */
  resultFlags: z.array(z.string()).optional(),
});
export type ArchivedSessionRow = z.infer<typeof archivedSessionRowSchema>;

/** Result filter of the archive listing: a category, any unfinished call, no result. */
export const ARCHIVE_RESULTS = ['standard', 'substandard', 'problem', 'verification', 'unfinished', 'none'] as const;
/** Recording filter of the archive listing: what needs a look. */
export const ARCHIVE_RECORDING_FLAGS = ['gaps', 'recovered', 'recording_failed', 'no_recording'] as const;

/**
 * `GET /api/archive/sessions` query: agent, team, created between `from` and `to` (inclusive),
 * result, kind code, policy number, recording flag, on hold, a red flag on the case, an open result flag.
 */
export const archiveListQuerySchema = z
  .object({
    agent: z
      .string()
      .regex(/^\d{3,12}$/, 'agent: a staff number')
      .optional(),
    team: z.string().min(1).max(40).optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    result: z.enum(ARCHIVE_RESULTS).optional(),
    kind: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, 'kind: a result kind code')
      .optional(),
    policy: z.string().min(1).max(100).optional(),
    recording: z.enum(ARCHIVE_RECORDING_FLAGS).optional(),
    hold: z.enum(['true', 'false']).optional(),
    redFlag: z.enum(['true']).optional(),
    /** Only sessions whose result the centre's check flagged (open flags). */
    flagged: z.enum(['true', '1']).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type ArchiveListQuery = z.input<typeof archiveListQuerySchema>;

/** `GET /api/archive/sessions` answer. */
export const archiveListSchema = z.object({ items: z.array(archivedSessionRowSchema) });

/**
 * `POST /api/archive/sessions/:id/open`: the requesting desk's one-time RSA public key (SPKI PEM,
 * 2048–4096 bits). The centre answers the session and the recording's data key re-wrapped for it.
 */
export const archiveOpenRequestSchema = z.object({ publicKeyPem: z.string().min(200).max(4000) }).strict();

/** The answer to opening an archived session for QA. */
export const archiveOpenSchema = z.object({
  session: callSessionSchema,
  manifest: recordingManifestSchema.nullable(),
  recording: z.object({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  /** The desk's recording data key, RSA-OAEP-256-wrapped for the public key sent, base64. */
  wrappedKey: z.string(),
});
export type ArchiveOpen = z.infer<typeof archiveOpenSchema>;

/** Play and seek of a fetched recording, reported for the centre's audit log. */
export const archivePlaybackEventSchema = z
  .object({
    action: z.enum(['play', 'seek']),
    /** When it happened at the desk (epoch ms): a report sent late still says when. */
    at: z.number().int().nonnegative(),
    /** The playhead (ms into the recording). */
    positionMs: z.number().nonnegative(),
    questionId: z.string().max(100).nullable().default(null),
  })
  .strict();
export type ArchivePlaybackEvent = z.infer<typeof archivePlaybackEventSchema>;

/** `POST /api/archive/sessions/:id/events`: up to 200 play/seek events. */
export const archiveEventsRequestSchema = z.object({ events: z.array(archivePlaybackEventSchema).min(1).max(200) }).strict();

/** The request header a desk names itself with in the centre's audit log. */
export const WORKSTATION_HEADER = 'x-huifang-workstation';
