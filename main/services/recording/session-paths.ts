import path from 'node:path';

/** Where one call session's files live: `<dataDir>/sessions/<sessionId>/`. */
export function sessionPaths(dataDir: string, sessionId: string) {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(sessionId)) throw new Error(`invalid session id: ${sessionId}`);
  const dir = path.join(dataDir, 'sessions', sessionId);
  return {
    dir,
    /** Encrypted chunks as they arrive (length-prefixed AEAD frames), fsynced per chunk. */
    part: path.join(dir, 'audio.part'),
    /** Recording metadata (times, format, gaps); no personal data. */
    meta: path.join(dir, 'recording.json'),
    /** The finalised WebM in a chunked AEAD container. */
    container: path.join(dir, 'audio.webm.enc'),
    /** Present only once the recording is finalised. */
    manifest: path.join(dir, 'manifest.json'),
    /** The call session record (encrypted JSON). */
    session: path.join(dir, 'session.enc'),
  };
}

/** The directory holding every session. */
export function sessionsRoot(dataDir: string): string {
  return path.join(dataDir, 'sessions');
}
