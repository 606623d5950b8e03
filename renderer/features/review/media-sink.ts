/**
 * Where the decrypted recording goes as it arrives, for one `<audio>` element.
 *
 * MediaSource first: Chromium (and so Electron) plays `audio/webm; codecs=opus` from a SourceBuffer,
 * so the element can start on the first bytes while the rest is still being read, and a seek past
 * what has arrived simply waits until the bytes holding that moment are appended. A Blob cannot do
 * that — it is immutable, so a growing one means a new object URL and a restart each time. The
 * Blob stays as the fallback where MediaSource is missing or refuses the type: then the audio is
 * playable once every byte is in, as before.
 */
export interface MediaSink {
  /** The object URL for `<audio src>`; null until there is something the element can use. */
  readonly url: string | null;
  /** True when the element can start before the last byte (MediaSource). */
  readonly progressive: boolean;
  append(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Every byte is in. */
  end(): void;
  /** Revokes the URL: the decrypted audio must not outlive the screen (docs/domain.md §9). */
  dispose(): void;
}

function blobSink(mimeType: string): MediaSink {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let url: string | null = null;
  return {
    get url() {
      return url;
    },
    progressive: false,
    append: async (bytes) => void parts.push(bytes),
    end() {
      // The container type without codec parameters: what <audio> needs to pick a demuxer.
      url ??= URL.createObjectURL(new Blob(parts, { type: mimeType.split(';')[0] }));
      parts.length = 0;
    },
    dispose() {
      if (url) URL.revokeObjectURL(url);
    },
  };
}

function mediaSourceSink(MS: typeof MediaSource, mimeType: string): MediaSink {
  const source = new MS();
  const url = URL.createObjectURL(source);
  const opened = new Promise<SourceBuffer>((resolve) => source.addEventListener('sourceopen', () => resolve(source.addSourceBuffer(mimeType)), { once: true }));
  let chain: Promise<unknown> = Promise.resolve();
  const appendNow = async (bytes: Uint8Array<ArrayBuffer>) => {
    const buffer = await opened;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        buffer.removeEventListener('updateend', done);
        buffer.removeEventListener('error', failed);
        resolve();
      };
      const failed = () => {
        buffer.removeEventListener('updateend', done);
        reject(new Error('media append failed'));
      };
      buffer.addEventListener('updateend', done);
      buffer.addEventListener('error', failed, { once: true });
      buffer.appendBuffer(bytes);
    });
  };
  return {
    url,
    progressive: true,
    append(bytes) {
      const next = chain.then(() => appendNow(bytes));
      chain = next.catch(() => undefined);
      return next;
    },
    end() {
      void chain.then(() => {
        if (source.readyState === 'open') source.endOfStream();
      });
    },
    dispose() {
      URL.revokeObjectURL(url);
    },
  };
}

/** A MediaSource sink where the host supports the recording's type, a Blob sink otherwise. */
export function createMediaSink(mimeType: string): MediaSink {
  const MS = (globalThis as { MediaSource?: typeof MediaSource }).MediaSource;
  if (MS && MS.isTypeSupported(mimeType)) return mediaSourceSink(MS, mimeType);
  return blobSink(mimeType);
}
