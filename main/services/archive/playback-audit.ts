import path from 'node:path';
import type { ArchivePlaybackEvent } from '../../../shared/sync';
import type { RecordingFs } from '../recording/recording-fs';
import { sessionPaths } from '../recording/session-paths';
import type { ArchiveQaCentre } from './archive-qa-centre';

/** At most this many reports wait while the centre is unreachable; older ones are dropped first. */
const MAX_WAITING = 500;

/**
 * Reports play and seek of archived recordings to the centre's audit log (README "Evidence archive": every
 * play and seek audited at the centre, with the workstation). Only sessions the centre holds are
 * reported (a session noted as archived, fetched or uploaded from here); the local access log
 * keeps its own record of every playback regardless. Best effort: while the centre cannot be
 * reached reports wait in memory and go with the next one; a restart of the desk while offline
 * loses what waited, and more than 500 waiting drop the oldest (counted in `dropped`).
 */
export class PlaybackAudit {
  private waiting: { sessionId: string; event: ArchivePlaybackEvent }[] = [];
  private flushing: Promise<boolean> | null = null;
  dropped = 0;

  constructor(private readonly o: { dataDir: string; fs: RecordingFs; centre: ArchiveQaCentre }) {}

  /** Queues one report and tries to send everything waiting; answers whether all of it reached the centre. */
  async report(sessionId: string, event: ArchivePlaybackEvent): Promise<{ sent: boolean; waiting: number }> {
    if (!(await this.archived(sessionId))) return { sent: false, waiting: this.waiting.length };
    this.waiting.push({ sessionId, event });
    if (this.waiting.length > MAX_WAITING) {
      this.dropped += this.waiting.length - MAX_WAITING;
      this.waiting = this.waiting.slice(-MAX_WAITING);
    }
    const sent = await this.flush();
    return { sent, waiting: this.waiting.length };
  }

  private flush(): Promise<boolean> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async flushOnce(): Promise<boolean> {
    while (this.waiting.length > 0) {
      const id = this.waiting[0].sessionId;
      const batch = this.waiting.filter((w) => w.sessionId === id).slice(0, 200);
      const r = await this.o.centre.events(
        id,
        batch.map((b) => b.event),
      );
      if (!r.ok && (r.error.code === 'network' || r.error.code === 'timeout' || r.error.code === 'unauthenticated')) return false;
      // Sent, or refused for good (the centre will never take it): either way it leaves the queue.
      this.waiting = this.waiting.filter((w) => !batch.includes(w));
    }
    return true;
  }

  private async archived(sessionId: string): Promise<boolean> {
    const file = path.join(sessionPaths(this.o.dataDir, sessionId).dir, 'archive.json');
    if (!(await this.o.fs.exists(file))) return false;
    return (JSON.parse((await this.o.fs.readFile(file)).toString('utf8')) as { state?: string }).state === 'archived';
  }
}
