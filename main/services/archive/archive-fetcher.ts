import { constants, privateDecrypt } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { CallSession, RecordingManifest } from '../../../shared/ipc/channels/recording';
import type { ArchiveOpen } from '../../../shared/sync';
import type { SecretProtector } from '../host-capabilities';
import { PLAYBACK_ROLES } from '../recording/access-policy';
import { FETCHED_KEY_FILE, wrapFetchedKey } from '../recording/fetched-key';
import type { RecordingFs } from '../recording/recording-fs';
import type { PlayableRecording } from '../recording/sealed-source';
import { sessionPaths, sessionsRoot } from '../recording/session-paths';
import { sealSession } from '../sessions/session-cipher';
import type { ArchiveQaCentre } from './archive-qa-centre';
import { readArchiveNote } from './archive-note';
import { OneTimeKeyPairs } from './one-time-key-pair';
import { PartialContainer } from './partial-container';
import { answerOf, downloadRange, downloadRecording, type FetchOutcome } from './recording-download';

export interface ArchiveFetcherOptions {
  readonly dataDir: string;
  readonly fs: RecordingFs;
  /** Wraps the fetched recording's data key at rest (Electron safeStorage / the web host's key). */
  readonly secrets: SecretProtector;
  /** This desk's session-record key: a fetched record is sealed with it like one recorded here. */
  readonly sessionsKey: Buffer;
  readonly centre: ArchiveQaCentre;
  readonly onProgress?: (sessionId: string, received: number, total: number) => void;
  /** The audio of a session recorded (or fetched) here came back after the desk had deleted it. */
  readonly onAudioRestored?: (sessionId: string) => Promise<void>;
  readonly now?: () => number;
}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

/**
 * Brings one archived session from the centre onto this QA desk, once (README
 * "Evidence archive"): opens it with a one-time RSA key pair (the centre re-wraps the recording's
 * data key for it; the private half lives only in this call's memory), downloads the sealed
 * container into `sessions/.fetch-<id>/` (an interrupted download resumes there by Range), checks
 * its SHA-256 against the archived declaration and manifest, and only then writes the record
 * (sealed with this desk's key), the manifest and the data key (wrapped by this desk's key store)
 * and renames the directory to `sessions/<id>/` in one step. Nothing half-fetched is ever listed
 * or played; afterwards playback needs no network. A session still here whose audio the desk's
 * retention deleted (local-audio-retention.ts) gets only its container back, checked against the
 * local manifest too, and moved into place in one rename. One fetch per session at a time.
 *
 * QA need not wait for all of it: the data key comes with the open, before any byte, so while the
 * download runs the recording is playable from the partial file (`liveRecording`, partial-container.ts):
 * frames that have arrived are served, a seek far ahead asks the centre for that range, and a
 * failed check stops that playback with the same reason the fetch answers.
 */
export class ArchiveFetcher {
  private readonly running = new Map<string, Promise<FetchOutcome>>();
  private readonly live = new Map<string, PlayableRecording & { readonly session: CallSession | null }>();
  private readonly liveWaiters = new Map<string, Array<(bytes: number) => void>>();
  private readonly pairs = new OneTimeKeyPairs();
  private readonly now: () => number;

  constructor(private readonly o: ArchiveFetcherOptions) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Fetches `sessionId` for a person of `role` (docs/domain.md §9: listening is for supervisor level
   * and above; an agent their own call with failed QA items, which the centre decides).
   */
  fetch(sessionId: string, role: string): Promise<FetchOutcome> {
    if (!PLAYBACK_ROLES.includes(role) && role !== 'agent') {
      return Promise.resolve({ kind: 'refused', code: 'forbidden', message: `当前角色（${role}）无权调听中心归档的录音。` });
    }
    let run = this.running.get(sessionId);
    if (!run) {
      run = this.fetchOnce(sessionId).finally(() => {
        this.running.delete(sessionId);
        this.live.delete(sessionId);
        this.liveWaiters.delete(sessionId);
      });
      this.running.set(sessionId, run);
    }
    return run;
  }

  /**
   * Starts (or joins) the fetch of `sessionId` and answers as soon as its recording can be played
   * (`liveRecording`), or with the fetch's outcome when that comes first (here already, refused, offline).
   */
  playable(sessionId: string, role: string): Promise<FetchOutcome> {
    const run = this.fetch(sessionId, role);
    const live = this.live.get(sessionId);
    if (live) return Promise.resolve({ kind: 'ok', source: 'centre', bytes: live.source.size });
    const streaming = new Promise<FetchOutcome>((resolve) => {
      const waiting = this.liveWaiters.get(sessionId) ?? [];
      waiting.push((bytes) => resolve({ kind: 'ok', source: 'centre', bytes }));
      this.liveWaiters.set(sessionId, waiting);
    });
    return Promise.race([run, streaming]);
  }

  /** The recording of a fetch running now, playable as its bytes arrive; null when none is running. */
  liveRecording(sessionId: string): PlayableRecording | null {
    return this.live.get(sessionId) ?? null;
  }

  /** The centre's record of a session being fetched for the first time (null when none is). */
  liveSession(sessionId: string): CallSession | null {
    return this.live.get(sessionId)?.session ?? null;
  }

  /** QA is looking at the centre's sessions: make the next open's key pair now, off the open's clock. */
  prepare(): void {
    this.pairs.prepare();
  }

  private async fetchOnce(id: string): Promise<FetchOutcome> {
    const target = sessionPaths(this.o.dataDir, id);
    if (await this.o.fs.exists(target.session)) return (await this.audioDeleted(id)) ? this.restoreAudio(id) : { kind: 'ok', source: 'local', bytes: 0 };
    const pair = await this.pairs.take();
    const opened = await this.o.centre.open(id, pair.publicKey);
    if (!opened.ok) return answerOf(opened.error);
    const problem = mismatch(id, opened.value);
    if (problem) return { kind: 'failed', message: problem };
    const staging = path.join(sessionsRoot(this.o.dataDir), `.fetch-${id}`);
    await this.o.fs.mkdirp(staging);
    const rec = opened.value.recording;
    const dataKey = privateDecrypt({ key: pair.privateKey, ...OAEP }, Buffer.from(opened.value.wrappedKey, 'base64'));
    try {
      const { session, manifest } = opened.value;
      let partial: PartialContainer | null = null;
      if (rec && manifest) {
        const got = await this.stream(id, path.join(staging, path.basename(target.container)), rec, dataKey, manifest, session);
        // Offline: the bytes so far wait for the next try. Refused for good: nothing stays behind.
        if (got.outcome?.kind === 'refused') await this.o.fs.remove(staging);
        if (got.outcome) return got.outcome;
        partial = got.partial;
      }
      const at = (name: string) => path.join(staging, name);
      if (manifest) await this.o.fs.writeAtomic(at(path.basename(target.manifest)), Buffer.from(JSON.stringify(manifest)));
      await this.o.fs.writeAtomic(at(FETCHED_KEY_FILE), wrapFetchedKey(this.o.secrets, dataKey));
      await this.o.fs.writeAtomic(
        at('archive.json'),
        Buffer.from(JSON.stringify({ state: 'archived', sha256: rec?.sha256 ?? null, at: this.now(), fetched: true })),
      );
      // The record last: its presence is what makes the directory a session (see the check above).
      await this.o.fs.writeAtomic(at(path.basename(target.session)), sealSession(this.o.sessionsKey, id, JSON.stringify(session)));
      if (await this.o.fs.exists(target.dir)) await this.o.fs.remove(target.dir); // a leftover without a record
      const move = () => rename(staging, target.dir);
      await (partial ? partial.relocate(target.container, move) : move());
    } finally {
      dataKey.fill(0);
    }
    await syncDir(sessionsRoot(this.o.dataDir)); // the rename itself survives a power cut
    return { kind: 'ok', source: 'centre', bytes: rec?.size ?? 0 };
  }

  /**
   * Downloads the container into `file` while it is playable from there (`liveRecording`); the
   * playback's copy of the key outlives this fetch (the open handles still read with it).
   */
  private async stream(
    id: string,
    file: string,
    rec: NonNullable<ArchiveOpen['recording']>,
    dataKey: Buffer,
    manifest: RecordingManifest,
    session: CallSession | null,
  ): Promise<{ outcome: Exclude<FetchOutcome, { kind: 'ok' }> | null; partial: PartialContainer }> {
    const partial = new PartialContainer({
      fs: this.o.fs,
      file,
      size: rec.size,
      received: 0,
      fetchRange: (start, end) => downloadRange(this.o.centre, id, start, end),
    });
    this.live.set(id, { source: partial, key: Buffer.from(dataKey), manifest, session });
    for (const answer of this.liveWaiters.get(id) ?? []) answer(rec.size);
    this.liveWaiters.delete(id);
    const outcome = await downloadRecording(
      {
        centre: this.o.centre,
        fs: this.o.fs,
        onProgress: (received, total) => this.o.onProgress?.(id, received, total),
        onArrived: (received) => partial.arrived(received),
      },
      id,
      file,
      rec,
    );
    if (outcome) partial.fail(outcome.message);
    return { outcome, partial };
  }

  /** A finalised recording here whose container is gone after the centre acknowledged its archive. */
  private async audioDeleted(id: string): Promise<boolean> {
    const target = sessionPaths(this.o.dataDir, id);
    if (!(await this.o.fs.exists(target.manifest)) || (await this.o.fs.exists(target.container))) return false;
    return (await readArchiveNote(this.o.fs, this.o.dataDir, id))?.state === 'archived';
  }

  /** Brings back the container of a session whose record is here (opened at the centre: checked and audited like any open). */
  private async restoreAudio(id: string): Promise<FetchOutcome> {
    const target = sessionPaths(this.o.dataDir, id);
    const pair = await this.pairs.take();
    const opened = await this.o.centre.open(id, pair.publicKey);
    if (!opened.ok) return answerOf(opened.error);
    const rec = opened.value.recording;
    const manifest = JSON.parse((await this.o.fs.readFile(target.manifest)).toString('utf8')) as ArchiveOpen['manifest'];
    const local = manifest?.parts.find((p) => p.name === 'audio.webm.enc');
    const problem = mismatch(id, opened.value) ?? (rec && local?.sha256 === rec.sha256 ? null : '中心归档的录音与本机的录音清单不符。');
    if (problem || !rec || !manifest) return { kind: 'failed', message: problem ?? '中心没有该通话的录音。' };
    const staging = path.join(sessionsRoot(this.o.dataDir), `.fetch-${id}`);
    await this.o.fs.mkdirp(staging);
    const file = path.join(staging, path.basename(target.container));
    const dataKey = privateDecrypt({ key: pair.privateKey, ...OAEP }, Buffer.from(opened.value.wrappedKey, 'base64'));
    let got: Awaited<ReturnType<ArchiveFetcher['stream']>>;
    try {
      got = await this.stream(id, file, rec, dataKey, manifest, null);
    } finally {
      dataKey.fill(0);
    }
    if (got.outcome?.kind === 'refused') await this.o.fs.remove(staging);
    if (got.outcome) return got.outcome;
    await got.partial.relocate(target.container, () => rename(file, target.container));
    await syncDir(target.dir);
    await this.o.fs.remove(staging);
    await this.o.onAudioRestored?.(id);
    return { kind: 'ok', source: 'centre', bytes: rec.size };
  }
}

/** The centre's answer must describe the session asked for, with the container the manifest names. */
function mismatch(id: string, o: ArchiveOpen): string | null {
  if (o.session.id !== id || (o.manifest && o.manifest.sessionId !== id)) return '中心返回的通话记录与所选的不一致。';
  const part = o.manifest?.parts.find((p) => p.name === 'audio.webm.enc');
  if (o.recording && part?.sha256 !== o.recording.sha256) return '中心归档的录音与其录音清单不符。';
  return null;
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems refuse fsync on directories: best effort, as for recordings.
  }
}
