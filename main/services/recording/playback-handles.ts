import { randomUUID } from 'node:crypto';
import type { RecordingManifest } from '../../../shared/ipc/channels/recording';
import { DomainError } from '../../../shared/ipc/ipc-error';
import type { CallerContext } from '../../ipc/ipc-router';
import { accessEntry, type AccessLog } from './access-log';
import type { AccessIdentity, AccessPolicy } from './access-policy';
import { ContainerReader } from './container-reader';
import type { PlayableRecording } from './sealed-source';

export interface PlaybackHandlesOptions {
  readonly policy: AccessPolicy;
  readonly accessLog: AccessLog;
  /** The sealed container of a session (on disk, or still arriving from the centre); throws a DomainError when there is none to play. */
  readonly load: (sessionId: string) => Promise<PlayableRecording>;
  /** Open handles per window: opening one more closes that window's least recently used. */
  readonly perCaller?: number;
  /** Open handles in all: past it an open is refused. */
  readonly total?: number;
  /** A handle not read for this long is closed (ms). */
  readonly idleMs?: number;
  readonly now?: () => number;
}

interface Handle {
  readonly id: string;
  readonly sessionId: string;
  readonly caller: CallerContext;
  readonly reader: ContainerReader;
  readonly manifest: RecordingManifest;
  readonly identity: AccessIdentity;
  lastUsed: number;
  served: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Open playbacks, one per recording a window is listening to (README "Evidence archive": QA must
 * hear a call at once). Opening checks the access policy and is logged like every playback; the
 * container's frames are read from disk and opened only when a range asks for them (a container
 * still being fetched from the centre serves the frames that have arrived and waits for the rest), while the
 * whole-file check against the manifest runs in the background (container-reader.ts). A handle
 * belongs to the window that opened it, and is closed on request, when the window goes away, after
 * `idleMs` without reads, or when the window opens more than `perCaller`; the close is logged with
 * the bytes served.
 */
export class PlaybackHandles {
  private readonly open = new Map<string, Handle>();
  private readonly now: () => number;

  constructor(private readonly o: PlaybackHandlesOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Opens `sessionId` for `caller`; refused (and logged) for a caller who may not listen. */
  async openFor(sessionId: string, caller: CallerContext) {
    const decision = await this.o.policy.authorize({ action: 'playback', sessionId, caller });
    await this.o.accessLog.append(accessEntry(this.now(), 'playback', sessionId, caller, decision, decision.allowed ? 'open' : decision.reason));
    if (!decision.allowed) throw new DomainError(decision.reason);
    if (this.open.size >= (this.o.total ?? 32)) throw new DomainError('同时打开的录音过多，请先关闭其他录音再试。');
    const { source, key, manifest } = await this.o.load(sessionId);
    let reader: ContainerReader;
    try {
      reader = await ContainerReader.open(key, sessionId, source, manifest);
    } catch (err) {
      throw new DomainError(`录音文件无法打开：${err instanceof Error ? err.message : String(err)}`);
    }
    const mine = [...this.open.values()].filter((h) => h.caller.callerId === caller.callerId).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const h of mine.slice(0, Math.max(0, mine.length - (this.o.perCaller ?? 4) + 1))) await this.close(h, 'evicted');
    const handle: Handle = { id: randomUUID(), sessionId, caller, reader, manifest, identity: decision.identity, lastUsed: this.now(), served: 0, timer: null };
    this.open.set(handle.id, handle);
    this.touch(handle);
    const live = () => this.open.get(handle.id) === handle;
    void reader.verify(live).then((failure) => {
      if (failure && live()) void this.log(handle, `integrity failed: ${failure}`);
    });
    return { handle: handle.id, mimeType: manifest.mimeType, totalBytes: reader.totalBytes, durationMs: manifest.durationMs };
  }

  /** Plaintext bytes of an open handle as base64; a tampered frame or failed file check is a clear error. */
  async read(handleId: string, caller: CallerContext, offset: number, length: number) {
    const handle = this.owned(handleId, caller);
    this.touch(handle);
    let bytes: Buffer;
    try {
      bytes = await handle.reader.read(offset, length);
    } catch (err) {
      throw new DomainError(`录音无法播放：${err instanceof Error ? err.message : String(err)}`);
    }
    handle.served += bytes.length;
    return { offset, data: bytes.toString('base64'), totalBytes: handle.reader.totalBytes, integrity: handle.reader.integrity };
  }

  /** Closes a handle of `caller` (a no-op for one already closed: closing is idempotent). */
  async closeFor(handleId: string, caller: CallerContext): Promise<void> {
    const handle = this.open.get(handleId);
    if (handle && handle.caller.callerId === caller.callerId) await this.close(handle, 'closed');
  }

  /** Closes every handle of a window that went away (web socket closed, window destroyed). */
  async closeCaller(callerId: string): Promise<void> {
    for (const h of [...this.open.values()]) if (h.caller.callerId === callerId) await this.close(h, 'window gone');
  }

  /** How many handles are open (for `caller` only when given). */
  count(callerId?: string): number {
    return [...this.open.values()].filter((h) => callerId === undefined || h.caller.callerId === callerId).length;
  }

  private owned(handleId: string, caller: CallerContext): Handle {
    const handle = this.open.get(handleId);
    // Another window's handle is answered like a closed one: its id tells the caller nothing.
    if (!handle || handle.caller.callerId !== caller.callerId) throw new DomainError('该录音播放已关闭（空闲超时或窗口已关闭），请重新打开。');
    return handle;
  }

  private touch(handle: Handle): void {
    handle.lastUsed = this.now();
    if (handle.timer) clearTimeout(handle.timer);
    handle.timer = setTimeout(() => void this.close(handle, 'idle'), this.o.idleMs ?? 5 * 60_000);
    handle.timer.unref?.();
  }

  private async close(handle: Handle, why: string): Promise<void> {
    if (this.open.get(handle.id) !== handle) return;
    this.open.delete(handle.id);
    if (handle.timer) clearTimeout(handle.timer);
    await this.log(handle, `close (${why}): ${handle.served} bytes served, integrity ${handle.reader.integrity}`).catch(() => undefined);
  }

  private log(handle: Handle, detail: string): Promise<void> {
    const decision = { allowed: true, identity: handle.identity };
    return this.o.accessLog.append(accessEntry(this.now(), 'playback', handle.sessionId, handle.caller, decision, detail));
  }
}
