import { constants, createHash, publicEncrypt } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ARCHIVE_CHUNK_BYTES, type ArchiveBegin } from '../../../shared/sync';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import type { CallSessionStore } from '../sessions/call-session-store';
import type { RecordingFs } from '../recording/recording-fs';
import { sessionPaths } from '../recording/session-paths';
import type { ArchiveCentre, ArchiveError } from './archive-centre';
import { readArchiveNote, writeArchiveNote, type ArchiveNote } from './archive-note';

/** What one run did: archived now, still waiting (and their bytes not yet at the centre), set aside. */
export interface ArchiveRunResult {
  readonly archived: number;
  readonly waiting: number;
  readonly waitingBytes: number;
  readonly setAside: number;
}

export interface ArchiveUploaderOptions {
  readonly dataDir: string;
  readonly fs: RecordingFs;
  readonly sessions: Pick<CallSessionStore, 'list' | 'get'>;
  /** The desk's recording key, wrapped for the centre so QA can later open the recording there. */
  readonly recordingKey: Buffer;
  readonly centre: ArchiveCentre;
  readonly now?: () => number;
}

/** Why a session stopped: the centre is unreachable for now, or refused it for good. */
type Stop = { kind: 'waiting'; bytesLeft: number } | { kind: 'set_aside'; reason: string };

/** Refusals that repeating cannot change (someone else's session, a record the schema rejects). */
const FINAL = new Set(['forbidden', 'invalid_request', 'malformed_json', 'payload_too_large', 'unsupported_media_type']);

/**
 * Uploads every closed call session whose recording is finalised (or absent/failed) to the centre's
 * evidence archive exactly once (docs/domain.md §9, §11: evidence kept ≥ 20 years must not live
 * only on one PC). Per session: begin → the container from the centre's `received` offset in 1 MiB
 * chunks read from the file (never the whole file in memory) → complete; the acknowledgement is
 * noted durably beside the session so it is never sent again. Any interruption resumes at the
 * centre's byte count; offline leaves the rest for the next run; a final refusal sets the session
 * aside with its reason. One run at a time.
 */
export class ArchiveUploader {
  private running: Promise<ArchiveRunResult> | null = null;
  private readonly now: () => number;

  constructor(private readonly o: ArchiveUploaderOptions) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Uploads the sessions of `agentId` (the one signed in): the centre takes only an agent's own,
   * and a colleague's sessions on a shared PC wait for them instead of being refused.
   */
  run(agentId: string): Promise<ArchiveRunResult> {
    this.running ??= this.runOnce(agentId).finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(agentId: string): Promise<ArchiveRunResult> {
    const result = { archived: 0, waiting: 0, waitingBytes: 0, setAside: 0 };
    let wrappedKey: string | null = null;
    let offline = false;
    for (const summary of await this.o.sessions.list({ limit: Number.MAX_SAFE_INTEGER })) {
      // Practice on the training line is no evidence and never leaves the desk.
      if (summary.agentId !== agentId || summary.state !== 'closed' || summary.recordingState === 'recording' || summary.training) continue;
      const note = await this.readNote(summary.id);
      if (note?.state === 'archived') continue;
      if (note?.state === 'set_aside') {
        result.setAside++;
        continue;
      }
      const session = await this.o.sessions.get(summary.id);
      const size = await this.containerSize(session);
      if (session.recording.state === 'finalised' && size === null) {
        // Never archive a finalised recording's session as if it had none.
        await this.writeNote(session.id, { state: 'set_aside', reason: '录音已完成但录音文件缺失', at: this.now() });
        result.setAside++;
        continue;
      }
      if (offline) {
        result.waiting++;
        result.waitingBytes += size ?? 0;
        continue;
      }
      if (wrappedKey === null) {
        const key = await this.o.centre.publicKey();
        if (!key.ok) {
          offline = true;
          result.waiting++;
          result.waitingBytes += size ?? 0;
          continue;
        }
        wrappedKey = publicEncrypt({ key: key.value, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, this.o.recordingKey).toString('base64');
      }
      const stop = await this.upload(session, size, wrappedKey);
      if (stop === null) result.archived++;
      else if (stop.kind === 'set_aside') {
        await this.writeNote(session.id, { state: 'set_aside', reason: stop.reason, at: this.now() });
        result.setAside++;
      } else {
        offline = true;
        result.waiting++;
        result.waitingBytes += stop.bytesLeft;
      }
    }
    return result;
  }

  /** Uploads one session; null once the centre acknowledged it. */
  private async upload(session: CallSession, size: number | null, wrappedKey: string): Promise<Stop | null> {
    const manifest = size === null ? null : session.recording.manifest;
    const container = manifest?.parts.find((p) => p.name === path.basename(this.paths(session.id).container));
    const body: ArchiveBegin = {
      session,
      manifest,
      recording: manifest && container && size !== null ? { size, sha256: container.sha256 } : null,
      wrappedKey,
    };
    const begun = await this.o.centre.begin(session.id, body);
    if (!begun.ok) return this.stopFor(begun.error, size ?? 0);
    if (begun.value.state === 'receiving' && body.recording) {
      const sent = await this.send(session.id, begun.value.received, body.recording.size);
      if (sent !== null) return sent;
    }
    if (begun.value.state === 'receiving') {
      const done = await this.o.centre.complete(session.id);
      if (!done.ok && done.error.code === 'invalid_request' && body.recording) {
        // The centre found another hash and dropped what it had. If this desk's file still matches
        // its manifest the bytes were damaged on the way: send again next run. If not, the local
        // copy itself is damaged and sending it again cannot help.
        const local = await fileSha256(this.paths(session.id).container);
        if (local === body.recording.sha256) return { kind: 'waiting', bytesLeft: body.recording.size };
        return { kind: 'set_aside', reason: `录音文件与清单的校验值不符（${local}）` };
      }
      if (!done.ok) return this.stopFor(done.error, 0);
    }
    await this.writeNote(session.id, { state: 'archived', sha256: body.recording?.sha256 ?? null, at: this.now() });
    return null;
  }

  /** Streams the container from `offset` in chunks; follows the centre's count after a 409. */
  private async send(id: string, from: number, size: number): Promise<Stop | null> {
    const fh = await open(this.paths(id).container, 'r');
    try {
      const buf = Buffer.alloc(ARCHIVE_CHUNK_BYTES);
      let offset = from;
      let resyncs = 0;
      let resends = 0;
      while (offset < size) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(ARCHIVE_CHUNK_BYTES, size - offset), offset);
        if (bytesRead === 0) return { kind: 'set_aside', reason: `录音文件比清单短（${offset}/${size} 字节）` };
        const put = await this.o.centre.put(id, offset, buf.subarray(0, bytesRead));
        if (put.ok && put.value.state === 'receiving') {
          offset = put.value.received;
          continue;
        }
        if (!put.ok && put.error.code === 'conflict' && typeof put.error.received === 'number' && resyncs++ < 3) {
          offset = put.error.received; // the centre holds a different count (an earlier run's chunk landed)
          continue;
        }
        // Damaged on the way: the centre kept none of it, so the same chunk is read and sent again.
        if (!put.ok && put.error.code === 'checksum_mismatch' && resends++ < 3) continue;
        return put.ok ? null : this.stopFor(put.error, size - offset);
      }
      return null;
    } finally {
      await fh.close();
    }
  }

  private stopFor(error: ArchiveError, bytesLeft: number): Stop {
    if (FINAL.has(error.code)) return { kind: 'set_aside', reason: `${error.code}: ${error.message.zh}` };
    // Offline, timeouts, an expired session, an early complete, a centre out of disk space (507),
    // a chunk still damaged after resends: the next run tries again.
    return { kind: 'waiting', bytesLeft };
  }

  /** The container's size when the recording is finalised and its file is here; null otherwise. */
  private async containerSize(session: CallSession): Promise<number | null> {
    if (session.recording.state !== 'finalised' || !session.recording.manifest) return null;
    try {
      const fh = await open(this.paths(session.id).container, 'r');
      try {
        return (await fh.stat()).size;
      } finally {
        await fh.close();
      }
    } catch {
      return null;
    }
  }

  private paths(id: string) {
    return sessionPaths(this.o.dataDir, id);
  }

  private readNote(id: string): Promise<ArchiveNote | null> {
    return readArchiveNote(this.o.fs, this.o.dataDir, id);
  }

  private writeNote(id: string, note: ArchiveNote): Promise<void> {
    return writeArchiveNote(this.o.fs, this.o.dataDir, id, note);
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
