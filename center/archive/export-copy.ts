import { constants, privateDecrypt } from 'node:crypto';
import { ALL_FORMATS, BufferSource, BufferTarget, Conversion, Input, Output, WebMOutputFormat } from 'mediabunny';
import { openContainer } from '../../main/services/recording/encrypted-container';
import type { ArchiveKeys } from './archive-keys';
import type { BlobStore } from './blob-store';

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

/**
 * Opens an archived recording at the centre: the desk's data key unwrapped with the archive private
 * key, the sealed container (`main/services/recording/encrypted-container.ts`, frames bound to the
 * session) decrypted and authenticated whole. The key and the plaintext live only in this
 * process's memory; nothing in clear touches the disk.
 */
export async function openArchivedRecording(
  keys: ArchiveKeys,
  blobs: BlobStore,
  found: { sessionId: string; blobKey: string; wrappedKey: string },
): Promise<Buffer> {
  const size = await blobs.size(found.blobKey);
  if (size === null) throw new Error(`the archived recording ${found.blobKey} is missing from the blob store`);
  const parts: Buffer[] = [];
  for await (const chunk of blobs.read(found.blobKey, 0, size - 1)) parts.push(chunk as Buffer);
  const dataKey = privateDecrypt({ key: keys.privateKeyPem, ...OAEP }, Buffer.from(found.wrappedKey, 'base64'));
  try {
    return openContainer(dataKey, found.sessionId, Buffer.concat(parts));
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Writes `webm` again with `tags` added to its Matroska Tags (target MOVIE), the audio packets
 * copied untouched (mediabunny, pure JavaScript: no encoder and no external binary at the centre).
 * Throws when a track could not be copied as it is — a copy that lost audio is never delivered.
 */
export async function watermarkWebm(webm: Uint8Array, tags: Readonly<Record<string, string>>): Promise<Buffer> {
  const input = new Input({ source: new BufferSource(webm), formats: ALL_FORMATS });
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const conversion = await Conversion.init({
    input,
    output,
    tags: (existing) => ({ ...existing, raw: { ...(existing.raw ?? {}), ...tags } }),
  });
  if (!conversion.isValid || conversion.discardedTracks.length > 0) {
    const why = conversion.discardedTracks.map((t) => `${t.track.type} track: ${t.reason}`).join('; ');
    throw new Error(`the recording cannot be copied without re-encoding (${why || 'no usable track'})`);
  }
  await conversion.execute();
  if (!target.buffer) throw new Error('the watermarked copy came out empty');
  return Buffer.from(target.buffer);
}
