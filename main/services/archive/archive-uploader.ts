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

/**
 * What one upload of a session came to. Only `archived` means the centre verified and stored it
 * (the renderer's outbox entry is then done); `waiting` is tried again later; `set_aside` never
 * will be (the reason says why); `not_evidence` is a session that never leaves the desk.
 */
export type ArchiveOutcome =
  | { readonly kind: 'archived' }
  | { readonly kind: 'waiting'; readonly bytesLeft: number; readonly reason: string; readonly unreachable?: boolean }
  | { readonly kind: 'set_aside'; readonly reason: string }
  | { readonly kind: 'not_evidence'; readonly reason: string };

/** A closed session of this agent the centre has not acknowledged yet (the desk's old upload queue). */
export interface UnarchivedSession {
  readonly sessionId: string;
  readonly bytes: number;
  readonly endedAt: number | null;
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
type Stop = { kind: 'waiting'; bytesLeft: number; reason: string; unreachable?: boolean } | { kind: 'set_aside'; reason: string };

/** Refusals that repeating cannot change (someone else's session, a record the schema rejects). */
const FINAL = new Set(['forbidden', 'invalid_request', 'malformed_json', 'payload_too_large', 'unsupported_media_type']);
/** No answer from the centre at all (down, unreachable, silent past the timeout). */
const UNREACHABLE = new Set(['network', 'timeout']);

/**
 * Uploads one closed call session whose recording is finalised (or absent/failed) to the centre's
 * evidence archive when the renderer's outbox reaches its entry (docs/domain.md §9, §11: evidence
 * kept ≥ 20 years must not live only on one PC; README "Evidence archive"). Begin → the container
 * from the centre's `received` offset in 1 MiB chunks read from the file (never the whole file in
 * memory) → complete; the acknowledgement is noted durably beside the session (`archive.json`) so a
 * repeated request answers `archived` without a byte sent. Any interruption resumes at the centre's
 * byte count; a final refusal sets the session aside with its reason. One upload at a time.
 */
export class ArchiveUploader {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly o: ArchiveUploaderOptions) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Uploads session `sessionId` for `agentId` (the one signed in): the centre takes only an agent's
   * own, so a colleague's session waits for them instead of being refused.
   */
  upload(agentId: string, sessionId: string): Promise<ArchiveOutcome> {
    const next = this.queue.then(() => this.uploadOnce(agentId, sessionId));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * The agent's closed sessions without an acknowledgement or a refusal: what the desk's own queue
   * held before uploads went through the outbox, listed once so the renderer adopts them.
   */
  async unarchived(agentId: string): Promise<UnarchivedSession[]> {
    const out: UnarchivedSession[] = [];
    for (const summary of await this.o.sessions.list({ limit: Number.MAX_SAFE_INTEGER })) {
      if (summary.agentId !== agentId || summary.state !== 'closed' || summary.training) continue;
      if ((await this.readNote(summary.id)) !== null) continue;
      const size = await this.containerSize(await this.o.sessions.get(summary.id));
      out.push({ sessionId: summary.id, bytes: size ?? 0, endedAt: summary.endedAt });
    }
    return out;
  }

  private async uploadOnce(agentId: string, sessionId: string): Promise<ArchiveOutcome> {
    const note = await this.readNote(sessionId);
    if (note?.state === 'archived') return { kind: 'archived' };
    if (note?.state === 'set_aside') return { kind: 'set_aside', reason: note.reason };
    const session = await this.o.sessions.get(sessionId).catch(() => null);
    if (!session) return { kind: 'set_aside', reason: `此工作站没有会话 ${sessionId}` };
    // Practice on the training line is no evidence and never leaves the desk.
    if (session.training) return { kind: 'not_evidence', reason: '练习会话不归档' };
    const size = await this.containerSize(session);
    if (session.agentId !== agentId) return { kind: 'waiting', bytesLeft: size ?? 0, reason: '同事的会话等待其本人登录后上传' };
    if (session.state !== 'closed' || session.recording.state === 'recording') {
      return { kind: 'waiting', bytesLeft: size ?? 0, reason: '会话尚未结束或录音尚未完成' };
    }
    if (session.recording.state === 'finalised' && size === null) {
      // Never archive a finalised recording's session as if it had none.
      return this.setAside(sessionId, '录音已完成但录音文件缺失');
    }
    const key = await this.o.centre.publicKey();
    if (!key.ok) return this.stopFor(key.error, size ?? 0, false);
    const wrappedKey = publicEncrypt({ key: key.value, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, this.o.recordingKey).toString('base64');
    const stop = await this.send(session, size, wrappedKey);
    if (stop === null) return { kind: 'archived' };
    return stop.kind === 'set_aside' ? this.setAside(sessionId, stop.reason) : stop;
  }

  private async setAside(id: string, reason: string): Promise<ArchiveOutcome> {
    await this.writeNote(id, { state: 'set_aside', reason, at: this.now() });
    return { kind: 'set_aside', reason };
  }

  /** Uploads one session; null once the centre acknowledged it. */
  private async send(session: CallSession, size: number | null, wrappedKey: string): Promise<Stop | null> {
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
      const sent = await this.sendBytes(session.id, begun.value.received, body.recording.size);
      if (sent !== null) return sent;
    }
    if (begun.value.state === 'receiving') {
      const done = await this.o.centre.complete(session.id);
      if (!done.ok && done.error.code === 'invalid_request' && body.recording) {
        // The centre found another hash and dropped what it had. If this desk's file still matches
        // its manifest the bytes were damaged on the way: send again next run. If not, the local
        // copy itself is damaged and sending it again cannot help.
        const local = await fileSha256(this.paths(session.id).container);
        if (local === body.recording.sha256) return { kind: 'waiting', bytesLeft: body.recording.size, reason: done.error.message.zh };
        return { kind: 'set_aside', reason: `录音文件与清单的校验值不符（${local}）` };
      }
      if (!done.ok) return this.stopFor(done.error, 0);
    }
    await this.writeNote(session.id, { state: 'archived', sha256: body.recording?.sha256 ?? null, at: this.now() });
    return null;
  }

  /** Streams the container from `offset` in chunks; follows the centre's count after a 409. */
  private async sendBytes(id: string, from: number, size: number): Promise<Stop | null> {
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

  private stopFor(error: ArchiveError, bytesLeft: number, final = true): Stop {
    if (final && FINAL.has(error.code)) return { kind: 'set_aside', reason: `${error.code}: ${error.message.zh}` };
    // Offline, timeouts, an expired session, an early complete, a centre out of disk space (507),
    // a chunk still damaged after resends: the next run tries again.
    return { kind: 'waiting', bytesLeft, reason: error.message.zh, ...(UNREACHABLE.has(error.code) && { unreachable: true }) };
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
