import type { ClientResult } from '../center/client-error';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { CenterLinkService } from '../center-link/center-link-service';
import type { HostCapabilities } from '../host-capabilities';
import type { RecordingServices } from '../recording/create-recording-services';
import { nodeRecordingFs } from '../recording/recording-fs';
import { httpArchiveCentre, type ArchiveEndpoint } from './archive-centre';
import { ArchiveFetcher } from './archive-fetcher';
import { httpArchiveQaCentre } from './archive-qa-centre';
import { ArchiveUploader } from './archive-uploader';
import { LocalAudioRetention } from './local-audio-retention';
import { retentionDays } from './retention-days';
import { PlaybackAudit } from './playback-audit';
import { workstationName } from './workstation-name';

/** How often the desk's audio retention looks again for audio that fell due. */
const RETENTION_EVERY_MS = 60 * 60 * 1000;

/**
 * Builds the archive uploader (desk → centre) and QA's fetch service (centre → this desk) over the
 * recording services and the centre link, and registers `archive:*`. The renderer's outbox asks for
 * each session in turn and says whether a call is up: uploads yield to live calls. After each
 * acknowledged upload (at start, and hourly) the desk's retention
 * deletes the local audio the centre holds once the centre's `localAudioDays` have passed.
 * Answers the function that stops the hourly retention.
 */
export async function createArchive(
  caps: Pick<HostCapabilities, 'dataDir' | 'secrets' | 'emit'>,
  router: IpcRouter,
  link: CenterLinkService,
  recording: RecordingServices,
): Promise<() => void> {
  const fs = nodeRecordingFs();
  async function endpoint(): Promise<ClientResult<ArchiveEndpoint>> {
    const r = await link.archiveEndpoint();
    if (r.kind === 'ok') return { ok: true, value: r.value };
    const message = { zh: r.message, en: r.message };
    return { ok: false, error: r.kind === 'offline' ? { code: 'network', message } : { code: 'unauthenticated', message } };
  }
  const uploader = new ArchiveUploader({
    dataDir: caps.dataDir,
    fs,
    sessions: recording.sessions,
    recordingKey: recording.recordingKey,
    centre: httpArchiveCentre({ endpoint }),
  });
  const qaCentre = httpArchiveQaCentre({ endpoint, workstation: await workstationName(caps.dataDir, fs) });
  const fetcher = new ArchiveFetcher({
    dataDir: caps.dataDir,
    fs,
    secrets: caps.secrets,
    sessionsKey: recording.sessionsKey,
    centre: qaCentre,
    onProgress: (sessionId, received, total) => caps.emit('archive:fetchProgress', { sessionId, received, total }),
    onAudioRestored: (sessionId) => recording.sessions.setAudioDeleted(sessionId, null),
  });
  recording.setLiveSource((id) => fetcher.liveRecording(id));
  recording.sessions.setFetching((id) => fetcher.liveSession(id));
  const retention = new LocalAudioRetention({
    dataDir: caps.dataDir,
    fs,
    sessions: recording.sessions,
    accessLog: recording.accessLog,
    days: retentionDays(caps.dataDir, fs, async () => {
      const r = await link.deskConfig();
      return r.kind === 'ok' ? r.config.localAudioDays : null;
    }),
  });
  // At start: what fell due while the desk was off; then hourly, as the days pass with nothing new
  // to upload. A failure leaves the audio; the next run retries.
  const runRetention = () => void retention.run().catch(() => undefined);
  runRetention();
  const retentionTimer = setInterval(runRetention, RETENTION_EVERY_MS);
  retentionTimer.unref();
  const playbackAudit = new PlaybackAudit({ dataDir: caps.dataDir, fs, centre: qaCentre });
  const signedIn = () => link.status().user;
  router.register({
    'archive:upload': async (req) => {
      const user = signedIn();
      if (!user) return { kind: 'skipped' as const, reason: '请先登录' };
      if (req.callUp) return { kind: 'skipped' as const, reason: '通话中，上传稍后进行' };
      const outcome = await uploader.upload(user.staffNo, req.sessionId);
      // The centre holds this session now: audio whose desk retention has passed may go. Not
      // awaited: the run reads every session record, and the outbox's next entry must not wait on it
      // (runs coalesce, so a drain of many entries costs one pass, not one per session).
      if (outcome.kind === 'archived') runRetention();
      return outcome;
    },
    'archive:unarchived': async () => {
      const user = signedIn();
      return user ? uploader.unarchived(user.staffNo) : [];
    },
    'archive:list': async (req) => {
      if (!signedIn()) return { kind: 'refused' as const, code: 'unauthenticated', message: '请先登录' };
      fetcher.prepare(); // an open is likely next: its key pair is made while QA looks at the list
      const r = await qaCentre.list(req);
      if (r.ok) return { kind: 'ok' as const, items: r.value };
      const offline = r.error.code === 'network' || r.error.code === 'timeout';
      return offline
        ? { kind: 'offline' as const, message: r.error.message.zh }
        : { kind: 'refused' as const, code: r.error.code, message: r.error.message.zh };
    },
    'archive:fetch': async (req) => {
      const user = signedIn();
      if (!user) return { kind: 'refused' as const, code: 'unauthenticated', message: '请先登录' };
      return req.playable ? fetcher.playable(req.sessionId, user.role) : fetcher.fetch(req.sessionId, user.role);
    },
    'archive:audit': (req) =>
      playbackAudit.report(req.sessionId, { action: req.action, at: Date.now(), positionMs: req.positionMs, questionId: req.questionId ?? null }),
  });
  return () => clearInterval(retentionTimer);
}
