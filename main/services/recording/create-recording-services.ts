import path from 'node:path';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { HostCapabilities } from '../host-capabilities';
import { CallSessionStore } from '../sessions/call-session-store';
import { AccessLog } from './access-log';
import { denyAllPolicy, type AccessPolicy } from './access-policy';
import { loadDataKeys } from './data-keys';
import { fetchedKeyReader } from './fetched-key';
import { nodeRecordingFs, type RecordingFs } from './recording-fs';
import { RecordingService } from './recording-service';
import type { RetentionConfig } from './retention';
import { registerRecordingHandlers } from './recording-handlers';
import { PlaybackHandles } from './playback-handles';
import type { PlayableRecording } from './sealed-source';

/** The recording and call-session services of one host. */
export interface RecordingServices {
  readonly recording: RecordingService;
  readonly sessions: CallSessionStore;
  readonly accessLog: AccessLog;
  /** The key of the recording containers: the archive uploader wraps it for the centre. */
  readonly recordingKey: Buffer;
  /** The key of the session records: the archive fetcher seals fetched sessions with it. */
  readonly sessionsKey: Buffer;
  /** Installs the policy that decides who may list, view, play back, delete (default: deny everyone). */
  setAccessPolicy(policy: AccessPolicy): void;
  /** Installs where a recording still being fetched from the centre is played from (archive fetcher). */
  setLiveSource(live: (sessionId: string) => PlayableRecording | null): void;
}

/**
 * Builds the recording service and the call-session store, recovers recordings interrupted by a
 * crash (marking their sessions as recovered), and registers the `recording:*` / `session:*`
 * handlers on `router`.
 */
export async function createRecordingServices(
  caps: Pick<HostCapabilities, 'dataDir' | 'secrets' | 'emit'>,
  router: IpcRouter,
  options: { fs?: RecordingFs; retention?: RetentionConfig; now?: () => number } = {},
): Promise<RecordingServices> {
  const fs = options.fs ?? nodeRecordingFs();
  const keys = await loadDataKeys(caps.dataDir, caps.secrets, fs);
  let policy: AccessPolicy = denyAllPolicy;
  const delegatingPolicy: AccessPolicy = { authorize: (request) => policy.authorize(request), identify: (caller) => policy.identify?.(caller) ?? null };
  const accessLog = new AccessLog(path.join(caps.dataDir, 'recording-access.log'), fs);
  const recording = new RecordingService({
    dataDir: caps.dataDir,
    fs,
    key: keys.recording,
    emit: caps.emit,
    keyOf: fetchedKeyReader(caps.dataDir, fs, caps.secrets),
    now: options.now,
  });
  const sessions = new CallSessionStore({
    dataDir: caps.dataDir,
    fs,
    key: keys.sessions,
    recordingInfo: (id) => recording.info(id),
    policy: delegatingPolicy,
    accessLog,
    retention: options.retention,
    now: options.now,
  });
  for (const manifest of await recording.recoverInterrupted()) {
    await sessions.markRecovered(manifest).catch(() => undefined); // a recording without a session record stays recording-only
  }
  registerRecordingHandlers(router, recording, sessions);
  let live: (sessionId: string) => PlayableRecording | null = () => null;
  // A fetch running now plays from its partial file; otherwise the finished file on disk.
  const load = async (id: string) => live(id) ?? recording.playable(id);
  const playback = new PlaybackHandles({ policy: delegatingPolicy, accessLog, load, now: options.now });
  router.onCallerGone((callerId) => void playback.closeCaller(callerId));
  router.register({
    'playback:open': (req, caller) => playback.openFor(req.sessionId, caller),
    'playback:read': (req, caller) => playback.read(req.handle, caller, req.offset, req.length),
    'playback:close': async (req, caller) => {
      await playback.closeFor(req.handle, caller);
      return { closed: true as const };
    },
  });
  return {
    recording,
    sessions,
    accessLog,
    recordingKey: keys.recording,
    sessionsKey: keys.sessions,
    setAccessPolicy(next) {
      policy = next;
    },
    setLiveSource(next) {
      live = next;
    },
  };
}
