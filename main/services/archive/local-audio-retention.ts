import path from 'node:path';
import type { AccessLog } from '../recording/access-log';
import { accessEntry } from '../recording/access-log';
import type { RecordingFs } from '../recording/recording-fs';
import { localAudioRefusal } from '../recording/retention';
import { sessionPaths } from '../recording/session-paths';
import type { CallSessionStore } from '../sessions/call-session-store';
import { readArchiveNote } from './archive-note';

export interface LocalAudioRetentionOptions {
  readonly dataDir: string;
  readonly fs: RecordingFs;
  readonly sessions: Pick<CallSessionStore, 'list' | 'get' | 'setAudioDeleted'>;
  readonly accessLog: AccessLog;
  /** The desk setting in force (the centre's `localAudioDays`, or the last one it said). */
  readonly days: () => Promise<number>;
  readonly now?: () => number;
}

/** The main process itself, as the access log names it. */
const RETENTION_CALLER = { host: 'main', callerId: 'audio-retention' } as const;

/**
 * Frees the desk's disk of recordings the centre holds (README "Evidence archive"): the local audio
 * of a session whose archive the centre acknowledged (`archive.json`, written by the uploader or the
 * fetcher) is deleted once the desk's retention setting has passed, unless the session is under a
 * legal hold here (retention.ts `localAudioRefusal`). The session record — answers, markers,
 * manifest — stays, noted `audioDeletedAt`, so the list still shows the call and replaying it fetches
 * the audio back from the centre. Each deletion is a line in the recording access log. The note's
 * SHA-256 must be the local container's (the manifest's): a file the centre does not hold is kept.
 * Runs at start and after each archive run; one run at a time.
 */
export class LocalAudioRetention {
  private running: Promise<number> | null = null;
  private readonly now: () => number;

  constructor(private readonly o: LocalAudioRetentionOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Deletes what is due; answers how many sessions' audio it deleted. */
  run(): Promise<number> {
    this.running ??= this.runOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(): Promise<number> {
    const days = await this.o.days();
    let deleted = 0;
    for (const summary of await this.o.sessions.list({ limit: Number.MAX_SAFE_INTEGER })) {
      if (summary.state !== 'closed' || summary.training) continue;
      const note = await readArchiveNote(this.o.fs, this.o.dataDir, summary.id);
      if (note?.state !== 'archived') continue;
      const session = await this.o.sessions.get(summary.id);
      const now = this.now();
      if (localAudioRefusal(session, note.at, days, now) !== null) continue;
      const files = sessionPaths(this.o.dataDir, session.id);
      const container = session.recording.manifest?.parts.find((p) => p.name === path.basename(files.container));
      if (!container || container.sha256 !== note.sha256 || !(await this.o.fs.exists(files.container))) continue;
      // The note first: a crash between the two leaves audio marked as at the centre, which the
      // next run deletes or a replay fetches over; never a missing file the record calls local.
      await this.o.sessions.setAudioDeleted(session.id, now);
      await this.o.fs.unlink(files.container);
      if (await this.o.fs.exists(files.part)) await this.o.fs.unlink(files.part);
      const detail = `local audio deleted: archived ${new Date(note.at).toISOString()} (sha256 ${note.sha256}), desk keeps ${days} days`;
      await this.o.accessLog.append(accessEntry(now, 'audio_deleted', session.id, RETENTION_CALLER, { allowed: true, identity: null }, detail));
      deleted++;
    }
    return deleted;
  }
}
