import path from 'node:path';
import type { RecordingGap, RecordingManifest, RecordingPeaks } from '../../../shared/ipc/channels/recording';
import { recordingManifestSchema } from '../../../shared/ipc/channels/recording';
import { DomainError } from '../../../shared/ipc/ipc-error';
import type { EmitEvent } from '../host-capabilities';
import { openContainer } from './encrypted-container';
import { finaliseRecording, sha256, type RecordingMeta } from './finalise-recording';
import { encodePartFrame } from './part-file';
import type { RecordingFs } from './recording-fs';
import { sessionPaths, sessionsRoot } from './session-paths';
import { storageErrorText } from './storage-error-text';
import { fileSource, type PlayableRecording } from './sealed-source';

/** What the recording of one session looks like from outside. */
export interface RecordingInfo {
  readonly state: 'none' | 'recording' | 'failed' | 'finalised';
  readonly recovered: boolean;
  readonly manifest: RecordingManifest | null;
  readonly gaps: RecordingGap[];
}

export interface RecordingServiceOptions {
  readonly dataDir: string;
  readonly fs: RecordingFs;
  /** AES-256-GCM key for recordings (see data-keys). */
  readonly key: Buffer;
  readonly emit: EmitEvent;
  /** The key of a session fetched from the centre's archive (sealed by another desk); null: `key`. */
  readonly keyOf?: (sessionId: string) => Promise<Buffer | null>;
  readonly now?: () => number;
}

interface Active {
  meta: RecordingMeta;
  state: 'recording' | 'failed';
  reason: string | null;
  frameIndex: number;
  partBytes: number;
  expectedSeq: number;
  lastStoredAt: number;
  queue: Promise<unknown>;
}

/**
 * Records calls crash-safely. Every chunk (≤ 1 s of WebM/Opus from the renderer) is encrypted with
 * AES-256-GCM bound to session, position and sequence, appended to `audio.part` and fsynced before
 * the call returns, so a crash loses at most the chunk in flight. `stop` (or `recoverInterrupted`
 * at the next start) finalises the recording. Storage failures are reported at once as a
 * `recording:status` event, recorded as a gap, and block new calls (`canStartCall`).
 */
export class RecordingService {
  private readonly active = new Map<string, Active>();
  private readonly now: () => number;

  constructor(private readonly o: RecordingServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Opens `<dataDir>/sessions/<sessionId>/` and starts accepting chunks. */
  async start(sessionId: string, meta: { mimeType: string; audioBitsPerSecond: number }): Promise<{ startedAt: number }> {
    const paths = sessionPaths(this.o.dataDir, sessionId);
    if (this.active.has(sessionId)) throw new DomainError('该通话已在录音中。');
    if (await this.o.fs.exists(paths.manifest)) throw new DomainError('该通话的录音已完成，不能重新开始。');
    const startedAt = this.now();
    const m: RecordingMeta = { sessionId, startedAt, ...meta, gaps: [] };
    const active: Active = {
      meta: m,
      state: 'recording',
      reason: null,
      frameIndex: 0,
      partBytes: 0,
      expectedSeq: 0,
      lastStoredAt: startedAt,
      queue: Promise.resolve(),
    };
    this.active.set(sessionId, active);
    try {
      await this.o.fs.mkdirp(paths.dir);
      await this.o.fs.writeAtomic(paths.meta, Buffer.from(JSON.stringify(m)));
    } catch (err) {
      this.fail(active, err, startedAt);
      throw new DomainError(active.reason ?? '录音无法开始。');
    }
    this.status(sessionId, 'recording', null);
    return { startedAt };
  }

  /** Encrypts, appends and fsyncs one chunk. `stored: false` means it was not saved (see status). */
  appendChunk(sessionId: string, seq: number, bytes: Buffer): Promise<{ stored: boolean }> {
    const active = this.active.get(sessionId);
    if (!active) return Promise.reject(new DomainError('该通话没有正在进行的录音。'));
    const run = () => this.appendNow(active, seq, bytes);
    const next = active.queue.then(run, run);
    active.queue = next.catch(() => undefined);
    return next;
  }

  private async appendNow(active: Active, seq: number, bytes: Buffer): Promise<{ stored: boolean }> {
    if (seq < active.expectedSeq) return { stored: false }; // duplicate: already stored or given up
    const at = this.now();
    const paths = sessionPaths(this.o.dataDir, active.meta.sessionId);
    if (seq > active.expectedSeq && active.state === 'recording') {
      active.meta.gaps.push({ startedAt: active.lastStoredAt, endedAt: at, reason: `丢失 ${seq - active.expectedSeq} 个录音分片` });
      await this.saveMeta(active);
    }
    active.expectedSeq = seq + 1;
    const frame = encodePartFrame(this.o.key, active.meta.sessionId, active.frameIndex, { seq, receivedAt: at, data: bytes });
    try {
      await this.o.fs.appendDurable(paths.part, frame);
    } catch (err) {
      // A failed append may leave half a frame behind; cut it off so later frames stay readable.
      await this.o.fs.truncate(paths.part, active.partBytes).catch(() => undefined);
      this.fail(active, err, active.lastStoredAt);
      return { stored: false };
    }
    active.frameIndex += 1;
    active.partBytes += frame.length;
    active.lastStoredAt = at;
    if (active.state === 'failed') {
      const open = active.meta.gaps.findLast((g) => g.endedAt === null);
      if (open) open.endedAt = at;
      active.state = 'recording';
      active.reason = null;
      await this.saveMeta(active);
      this.status(active.meta.sessionId, 'recording', null);
    }
    return { stored: true };
  }

  /** Finalises the recording of a session (with the recorder's waveform, when it sends one) and returns its manifest. */
  async stop(sessionId: string, peaks?: RecordingPeaks): Promise<RecordingManifest> {
    const active = this.active.get(sessionId);
    if (!active) {
      const existing = await this.readManifest(sessionId);
      if (existing) return existing;
      throw new DomainError('该通话没有正在进行的录音。');
    }
    await active.queue;
    const at = this.now();
    for (const g of active.meta.gaps) if (g.endedAt === null) g.endedAt = at;
    try {
      const manifest = await finaliseRecording({
        fs: this.o.fs,
        key: this.o.key,
        dataDir: this.o.dataDir,
        meta: active.meta,
        recovered: false,
        now: at,
        peaks,
      });
      this.active.delete(sessionId);
      this.status(sessionId, 'finalised', null);
      return manifest;
    } catch (err) {
      this.fail(active, err, at);
      throw new DomainError(`录音无法完成保存：${active.reason ?? ''}`);
    }
  }

  /**
   * Finds recordings that never got a manifest (the program or machine died mid-call) and
   * finalises them from their part files, marked as recovered. Call once at start-up.
   */
  async recoverInterrupted(): Promise<RecordingManifest[]> {
    const recovered: RecordingManifest[] = [];
    for (const sessionId of await this.o.fs.listDirs(sessionsRoot(this.o.dataDir))) {
      if (this.active.has(sessionId)) continue;
      let paths: ReturnType<typeof sessionPaths>;
      try {
        paths = sessionPaths(this.o.dataDir, sessionId);
      } catch {
        continue;
      }
      if ((await this.o.fs.exists(paths.manifest)) || !(await this.o.fs.exists(paths.meta))) continue;
      try {
        const meta = JSON.parse((await this.o.fs.readFile(paths.meta)).toString('utf8')) as RecordingMeta;
        recovered.push(
          await finaliseRecording({ fs: this.o.fs, key: this.o.key, dataDir: this.o.dataDir, meta: { ...meta, sessionId }, recovered: true, now: this.now() }),
        );
      } catch (err) {
        this.o.emit('app:notice', { level: 'error', message: `恢复录音 ${sessionId} 失败：${err instanceof Error ? err.message : String(err)}` });
      }
    }
    return recovered;
  }

  /** False while recording is broken: an active recording failed or the disk refuses writes. */
  async canStartCall(): Promise<{ allowed: boolean; reason: string | null }> {
    const failed = [...this.active.values()].find((a) => a.state === 'failed');
    if (failed) return { allowed: false, reason: failed.reason };
    const probe = path.join(sessionsRoot(this.o.dataDir), `.probe-${process.pid}`);
    try {
      await this.o.fs.mkdirp(sessionsRoot(this.o.dataDir));
      await this.o.fs.writeAtomic(probe, Buffer.from('probe'));
      await this.o.fs.unlink(probe);
      return { allowed: true, reason: null };
    } catch (err) {
      return { allowed: false, reason: storageErrorText(err) };
    }
  }

  /** State, manifest and gaps of a session's recording. */
  async info(sessionId: string): Promise<RecordingInfo> {
    const active = this.active.get(sessionId);
    if (active) return { state: active.state, recovered: false, manifest: null, gaps: active.meta.gaps.map((g) => ({ ...g })) };
    const manifest = await this.readManifest(sessionId);
    if (manifest) return { state: 'finalised', recovered: manifest.recovered, manifest, gaps: manifest.gaps };
    return { state: 'none', recovered: false, manifest: null, gaps: [] };
  }

  /** A finalised recording's container on disk, its key and manifest, unopened (no access check: internal). */
  async playable(sessionId: string): Promise<PlayableRecording> {
    const { file, key, manifest } = await this.located(sessionId);
    const handle = await this.o.fs.openRead(file);
    await handle.close();
    return { source: fileSource(this.o.fs, file, handle.size), key, manifest };
  }

  private async located(sessionId: string): Promise<{ file: string; key: Buffer; manifest: RecordingManifest }> {
    const manifest = await this.readManifest(sessionId);
    if (!manifest || manifest.parts.length === 0) throw new DomainError('该通话没有可播放的录音。');
    const file = sessionPaths(this.o.dataDir, sessionId).container;
    if (!(await this.o.fs.exists(file))) throw new DomainError('该通话的录音文件不在本机。');
    return { file, key: (await this.o.keyOf?.(sessionId)) ?? this.o.key, manifest };
  }

  /** Decrypts and verifies a finalised recording against its manifest (no access check: internal). */
  async decrypt(sessionId: string): Promise<{ bytes: Buffer; manifest: RecordingManifest }> {
    const { file, key, manifest } = await this.located(sessionId);
    const sealed = await this.o.fs.readFile(file);
    const sealedPart = manifest.parts.find((p) => p.name === 'audio.webm.enc');
    if (sealedPart?.sha256 !== sha256(sealed)) throw new DomainError('录音文件与清单不符，可能被篡改。');
    const bytes = openContainer(key, sessionId, sealed);
    if (manifest.parts.find((p) => p.name === 'audio.webm')?.sha256 !== sha256(bytes)) throw new DomainError('录音内容与清单不符。');
    return { bytes, manifest };
  }

  private async readManifest(sessionId: string): Promise<RecordingManifest | null> {
    const file = sessionPaths(this.o.dataDir, sessionId).manifest;
    if (!(await this.o.fs.exists(file))) return null;
    return recordingManifestSchema.parse(JSON.parse((await this.o.fs.readFile(file)).toString('utf8')));
  }

  private fail(active: Active, err: unknown, gapStart: number): void {
    const reason = storageErrorText(err);
    if (active.state !== 'failed') active.meta.gaps.push({ startedAt: gapStart, endedAt: null, reason });
    active.state = 'failed';
    active.reason = reason;
    this.status(active.meta.sessionId, 'failed', reason);
  }

  private async saveMeta(active: Active): Promise<void> {
    const paths = sessionPaths(this.o.dataDir, active.meta.sessionId);
    await this.o.fs.writeAtomic(paths.meta, Buffer.from(JSON.stringify(active.meta))).catch(() => undefined);
  }

  private status(sessionId: string | null, state: 'recording' | 'failed' | 'finalised', reason: string | null): void {
    this.o.emit('recording:status', { sessionId, state, reason, at: this.now() });
  }
}
