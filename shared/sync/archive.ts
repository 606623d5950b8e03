import { z } from 'zod';
import { callSessionSchema, recordingManifestSchema } from '../ipc/channels/recording';

/** A call session id as the desk makes it (see `CallSessionStore.open`). */
export const archiveSessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'session id: 8–64 letters, digits, _ or -');

/** Largest recording chunk one `PUT …/recording?offset=N` may carry (1 MiB). */
export const ARCHIVE_CHUNK_BYTES = 1024 * 1024;

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
export interface ArchivedSessionRow {
  readonly sessionId: string;
  readonly agentId: string;
  readonly caseId: string | null;
  readonly team: string;
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly outcome: string | null;
  readonly kinds: readonly string[];
  readonly recordingSha256: string | null;
  readonly recordingBytes: number | null;
  readonly archivedAt: string;
}
