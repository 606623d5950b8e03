import path from 'node:path';
import type { RecordingFs } from '../recording/recording-fs';
import { sessionPaths } from '../recording/session-paths';

/**
 * The desk's durable note of a session's archive state (`sessions/<id>/archive.json`, no personal
 * data): acknowledged by the centre (`archived`; `fetched` when this desk brought it from the
 * centre rather than recording it) or set aside with the reason.
 */
export type ArchiveNote = { state: 'archived'; sha256: string | null; at: number; fetched?: true } | { state: 'set_aside'; reason: string; at: number };

function noteFile(dataDir: string, id: string): string {
  return path.join(sessionPaths(dataDir, id).dir, 'archive.json');
}

/** The session's archive note; null when it has none (not archived yet). */
export async function readArchiveNote(fs: RecordingFs, dataDir: string, id: string): Promise<ArchiveNote | null> {
  const file = noteFile(dataDir, id);
  if (!(await fs.exists(file))) return null;
  return JSON.parse((await fs.readFile(file)).toString('utf8')) as ArchiveNote;
}

/** Writes the session's archive note atomically. */
export function writeArchiveNote(fs: RecordingFs, dataDir: string, id: string, note: ArchiveNote): Promise<void> {
  return fs.writeAtomic(noteFile(dataDir, id), Buffer.from(JSON.stringify(note)));
}
