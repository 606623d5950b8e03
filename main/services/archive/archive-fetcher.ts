import { constants, createHash, generateKeyPair, privateDecrypt } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ArchiveOpen } from '../../../shared/sync';
import type { SecretProtector } from '../host-capabilities';
import { PLAYBACK_ROLES } from '../recording/access-policy';
import { FETCHED_KEY_FILE, wrapFetchedKey } from '../recording/fetched-key';
import type { RecordingFs } from '../recording/recording-fs';
import { sessionPaths, sessionsRoot } from '../recording/session-paths';
import { sealSession } from '../sessions/session-cipher';
import type { ArchiveError } from './archive-centre';
import type { ArchiveQaCentre } from './archive-qa-centre';
import { readArchiveNote } from './archive-note';

/** What fetching one session came to. `local`: it was already on this desk (recorded or fetched before). */
export type FetchOutcome =
  | { readonly kind: 'ok'; readonly source: 'local' | 'centre'; readonly bytes: number }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

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
const PROGRESS_STEP = 256 * 1024;
const generate = promisify(generateKeyPair);

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
 */
export class ArchiveFetcher {
  private readonly running = new Map<string, Promise<FetchOutcome>>();
  private readonly now: () => number;

  constructor(private readonly o: ArchiveFetcherOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Fetches `sessionId` for a person of `role` (docs/domain.md §9: listening is for supervisor level and above). */
  fetch(sessionId: string, role: string): Promise<FetchOutcome> {
    if (!PLAYBACK_ROLES.includes(role)) {
      return Promise.resolve({ kind: 'refused', code: 'forbidden', message: `当前角色（${role}）无权调听中心归档的录音。` });
    }
    let run = this.running.get(sessionId);
    if (!run) {
      run = this.fetchOnce(sessionId).finally(() => this.running.delete(sessionId));
      this.running.set(sessionId, run);
    }
    return run;
  }

  private async fetchOnce(id: string): Promise<FetchOutcome> {
    const target = sessionPaths(this.o.dataDir, id);
    if (await this.o.fs.exists(target.session)) return (await this.audioDeleted(id)) ? this.restoreAudio(id) : { kind: 'ok', source: 'local', bytes: 0 };
    const pair = await generate('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const opened = await this.o.centre.open(id, pair.publicKey);
    if (!opened.ok) return answerOf(opened.error);
    const problem = mismatch(id, opened.value);
    if (problem) return { kind: 'failed', message: problem };
    const staging = path.join(sessionsRoot(this.o.dataDir), `.fetch-${id}`);
    await this.o.fs.mkdirp(staging);
    const rec = opened.value.recording;
    if (rec) {
      const got = await this.download(id, path.join(staging, path.basename(target.container)), rec);
      // Offline: the bytes so far wait for the next try. Refused for good: nothing stays behind.
      if (got?.kind === 'refused') await this.o.fs.remove(staging);
      if (got) return got;
    }
    const dataKey = privateDecrypt({ key: pair.privateKey, ...OAEP }, Buffer.from(opened.value.wrappedKey, 'base64'));
    try {
      const { session, manifest } = opened.value;
      const at = (name: string) => path.join(staging, name);
      if (manifest) await this.o.fs.writeAtomic(at(path.basename(target.manifest)), Buffer.from(JSON.stringify(manifest)));
      await this.o.fs.writeAtomic(at(FETCHED_KEY_FILE), wrapFetchedKey(this.o.secrets, dataKey));
      await this.o.fs.writeAtomic(
        at('archive.json'),
        Buffer.from(JSON.stringify({ state: 'archived', sha256: rec?.sha256 ?? null, at: this.now(), fetched: true })),
      );
      // The record last: its presence is what makes the directory a session (see the check above).
      await this.o.fs.writeAtomic(at(path.basename(target.session)), sealSession(this.o.sessionsKey, id, JSON.stringify(session)));
    } finally {
      dataKey.fill(0);
    }
    if (await this.o.fs.exists(target.dir)) await this.o.fs.remove(target.dir); // a leftover without a record
    await rename(staging, target.dir);
    await syncDir(sessionsRoot(this.o.dataDir)); // the rename itself survives a power cut
    return { kind: 'ok', source: 'centre', bytes: rec?.size ?? 0 };
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
    const pair = await generate('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const opened = await this.o.centre.open(id, pair.publicKey);
    if (!opened.ok) return answerOf(opened.error);
    const rec = opened.value.recording;
    const local = (JSON.parse((await this.o.fs.readFile(target.manifest)).toString('utf8')) as ArchiveOpen['manifest'])?.parts.find(
      (p) => p.name === 'audio.webm.enc',
    );
    const problem = mismatch(id, opened.value) ?? (rec && local?.sha256 === rec.sha256 ? null : '中心归档的录音与本机的录音清单不符。');
    if (problem || !rec) return { kind: 'failed', message: problem ?? '中心没有该通话的录音。' };
    const staging = path.join(sessionsRoot(this.o.dataDir), `.fetch-${id}`);
    await this.o.fs.mkdirp(staging);
    const file = path.join(staging, path.basename(target.container));
    const got = await this.download(id, file, rec);
    if (got?.kind === 'refused') await this.o.fs.remove(staging);
    if (got) return got;
    await rename(file, target.container);
    await syncDir(target.dir);
    await this.o.fs.remove(staging);
    await this.o.onAudioRestored?.(id);
    return { kind: 'ok', source: 'centre', bytes: rec.size };
  }

  /** Downloads into `file` from what it holds, then checks the whole; null when it is complete and sound. */
  private async download(id: string, file: string, rec: NonNullable<ArchiveOpen['recording']>): Promise<FetchOutcome | null> {
    let have = await sizeOf(file);
    if (have > rec.size) {
      await this.o.fs.unlink(file);
      have = 0;
    }
    if (have < rec.size) {
      const fh = await open(file, 'a', 0o600);
      let received = have;
      let reported = have;
      try {
        const r = await this.o.centre.download(id, have, async (bytes) => {
          if (received + bytes.length > rec.size) throw new Error('more bytes than declared');
          await fh.write(bytes);
          received += bytes.length;
          if (received - reported >= PROGRESS_STEP || received === rec.size) {
            reported = received;
            this.o.onProgress?.(id, received, rec.size);
          }
        });
        await fh.sync();
        if (!r.ok) {
          // The bytes written so far stay for the next try, which resumes after them.
          if (r.error.code === 'conflict') await fh.truncate(0);
          return answerOf(r.error);
        }
      } finally {
        await fh.close();
      }
    }
    const actual = await fileSha256(file);
    if (actual !== rec.sha256 || (await sizeOf(file)) !== rec.size) {
      await this.o.fs.remove(path.dirname(file));
      return { kind: 'failed', message: `下载的录音校验值不符（${actual.slice(0, 12)}…），已丢弃，请重试。` };
    }
    return null;
  }
}

/** The centre's answer must describe the session asked for, with the container the manifest names. */
function mismatch(id: string, o: ArchiveOpen): string | null {
  if (o.session.id !== id || (o.manifest && o.manifest.sessionId !== id)) return '中心返回的通话记录与所选的不一致。';
  const part = o.manifest?.parts.find((p) => p.name === 'audio.webm.enc');
  if (o.recording && part?.sha256 !== o.recording.sha256) return '中心归档的录音与其录音清单不符。';
  return null;
}

function answerOf(error: ArchiveError): FetchOutcome {
  if (error.code === 'network' || error.code === 'timeout') return { kind: 'offline', message: error.message.zh };
  return { kind: 'refused', code: error.code, message: error.message.zh };
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

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
