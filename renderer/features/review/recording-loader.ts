import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { createMediaSink, type MediaSink } from './media-sink';

/** The first read is small so the player starts on it; the rest come in larger reads (bytes). */
const FIRST_READ = 64 * 1024;
const NEXT_READ = 512 * 1024;
/** How often to ask again whether the host's whole-file check has finished (ms). */
const INTEGRITY_POLL_MS = 200;

interface StreamCallbacks {
  /** The sink has a URL the `<audio>` element can use (at once with MediaSource, at the end with a Blob). */
  onPlayable(url: string, durationMs: number): void;
  onProgress?(loaded: number, total: number): void;
  /** Reading failed (a tampered frame, the host's file check, a closed handle): a readable reason. */
  onFailed(reason: string): void;
  /**
   * Every byte is in (before the host's whole-file check): the bytes in order, for the waveform's
   * one decode (waveform-peaks.ts). Kept only when this callback is given.
   */
  onComplete?(parts: readonly Uint8Array[]): void;
}

/** A running stream: `stop` ends reading, closes the host's handle and revokes the URL. */
export interface RecordingStream {
  stop(): void;
}

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Streams a session's recording into a media sink (media-sink.ts): opens it once through
 * `playback:open` (the host checks the role and logs the open), reads it front to back through
 * `playback:read` and hands each range to the sink as it arrives, so playback starts on the first
 * range. When the bytes are all in it waits for the host's whole-file check against the manifest
 * before closing the handle, so a file that fails it still fails the player. The bytes live only in
 * memory: nothing is written to disk (docs/domain.md §9: no copying).
 */
export function streamRecording(sessionId: string, cb: StreamCallbacks, sinkFor: (mimeType: string) => MediaSink = createMediaSink): RecordingStream {
  let stopped = false;
  let handle: string | null = null;
  let sink: MediaSink | null = null;
  const close = () => {
    if (handle)
      void huifang()
        .playback.close({ handle })
        .catch(() => undefined);
    handle = null;
  };
  const fail = (reason: string) => {
    if (stopped) return;
    stopped = true;
    close();
    cb.onFailed(reason);
  };
  void (async () => {
    const opened = await huifang().playback.open({ sessionId });
    if (stopped) {
      if (opened.ok)
        void huifang()
          .playback.close({ handle: opened.value.handle })
          .catch(() => undefined);
      return;
    }
    if (!opened.ok) return fail(opened.error.message);
    const { totalBytes, durationMs } = opened.value;
    handle = opened.value.handle;
    if (totalBytes === 0) return fail(messages.review.emptyRecording);
    sink = sinkFor(opened.value.mimeType);
    if (sink.url) cb.onPlayable(sink.url, durationMs);
    let offset = 0;
    let integrity = 'pending';
    const parts: Uint8Array[] = [];
    while (offset < totalBytes) {
      const r = await huifang().playback.read({ handle, offset, length: offset === 0 ? FIRST_READ : NEXT_READ });
      if (stopped) return;
      if (!r.ok) return fail(r.error.message);
      const bytes = fromBase64(r.value.data);
      if (bytes.length === 0) return fail(messages.review.emptyRecording);
      integrity = r.value.integrity;
      try {
        await sink.append(bytes);
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
      if (stopped) return;
      if (cb.onComplete) parts.push(bytes);
      offset += bytes.length;
      cb.onProgress?.(offset, totalBytes);
    }
    sink.end();
    if (!sink.progressive && sink.url) cb.onPlayable(sink.url, durationMs);
    cb.onComplete?.(parts);
    parts.length = 0;
    while (integrity === 'pending' && !stopped) {
      await new Promise((resolve) => setTimeout(resolve, INTEGRITY_POLL_MS));
      if (stopped || !handle) return;
      const r = await huifang().playback.read({ handle, offset: 0, length: 1 });
      if (!r.ok) return fail(r.error.message);
      integrity = r.value.integrity;
    }
    close();
  })().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
  return {
    stop() {
      stopped = true;
      close();
      sink?.dispose();
    },
  };
}
