import { MAX_PLAYBACK_SLICE_BYTES } from '../../../shared/ipc/channels/recording';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';

/** A recording fetched for playback, or the readable reason it could not be. */
export type LoadedRecording =
  { readonly ok: true; readonly blob: Blob; readonly durationMs: number; readonly mimeType: string } | { readonly ok: false; readonly reason: string };

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Fetches a session's decrypted recording through `recording:playback`, slice by slice (≤ 4 MB
 * each; the host checks the role and logs every slice), into one Blob for an `<audio>` element.
 * The bytes live only in memory: nothing is written to disk (docs/domain.md §9: no copying).
 */
export async function loadRecording(
  sessionId: string,
  onProgress?: (loaded: number, total: number) => void,
  isCancelled: () => boolean = () => false,
): Promise<LoadedRecording> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let total = 1;
  let mimeType = 'audio/webm';
  let durationMs = 0;
  while (offset < total) {
    if (isCancelled()) return { ok: false, reason: 'cancelled' };
    const r = await huifang().recording.playback({ sessionId, offset, length: MAX_PLAYBACK_SLICE_BYTES });
    if (!r.ok) return { ok: false, reason: r.error.message };
    const bytes = fromBase64(r.value.data);
    total = r.value.totalBytes;
    mimeType = r.value.mimeType;
    durationMs = r.value.durationMs;
    if (bytes.length === 0) break; // the host has nothing past this point
    parts.push(bytes);
    offset += bytes.length;
    onProgress?.(offset, total);
  }
  if (offset === 0) return { ok: false, reason: messages.review.emptyRecording };
  // The container type without codec parameters: what <audio> needs to pick a demuxer.
  return { ok: true, blob: new Blob(parts, { type: mimeType.split(';')[0] }), durationMs, mimeType };
}
