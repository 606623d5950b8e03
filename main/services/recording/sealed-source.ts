import type { RecordingManifest } from '../../../shared/ipc/channels/recording';
import type { RecordingFs } from './recording-fs';

/**
 * Where a playback handle reads a sealed container's bytes from: a finished file on this desk, or
 * one still arriving from the centre's archive (archive/partial-container.ts). Bytes are read from
 * disk range by range, so no handle holds a whole recording in memory.
 */
export interface SealedSource {
  /** The container's full size in bytes (for one still arriving: the size the centre declared). */
  readonly size: number;
  /** Bytes [start, end); waits for bytes still to come, rejects with a readable reason when they never will. */
  read(start: number, end: number): Promise<Buffer>;
}

/** A sealed container with what is needed to open it. */
export interface PlayableRecording {
  readonly source: SealedSource;
  readonly key: Buffer;
  readonly manifest: RecordingManifest;
}

/** Bytes [start, end) of `file`, opened for this read only (a file renamed or deleted meanwhile fails this read alone). */
export async function readSpan(fs: RecordingFs, file: string, start: number, end: number): Promise<Buffer> {
  const handle = await fs.openRead(file);
  try {
    return await handle.read(start, end - start);
  } finally {
    await handle.close();
  }
}

/** A finished container file of `size` bytes. */
export function fileSource(fs: RecordingFs, file: string, size: number): SealedSource {
  return { size, read: (start, end) => readSpan(fs, file, start, end) };
}
