import type { IpcRouter } from '../../ipc/ipc-router';
import type { CenterLinkService } from '../center-link/center-link-service';
import type { HostCapabilities } from '../host-capabilities';
import type { RecordingServices } from '../recording/create-recording-services';
import { nodeRecordingFs } from '../recording/recording-fs';
import { httpArchiveCentre } from './archive-centre';
import { ArchiveUploader } from './archive-uploader';

const SKIPPED = { skipped: true, archived: 0, waiting: 0, waitingBytes: 0, setAside: 0 } as const;

/**
 * Builds the archive uploader over the recording services and the centre link, and registers
 * `archive:run`. The renderer says whether a call is up: uploads yield to live calls.
 */
export function createArchive(caps: Pick<HostCapabilities, 'dataDir'>, router: IpcRouter, link: CenterLinkService, recording: RecordingServices): void {
  const uploader = new ArchiveUploader({
    dataDir: caps.dataDir,
    fs: nodeRecordingFs(),
    sessions: recording.sessions,
    recordingKey: recording.recordingKey,
    centre: httpArchiveCentre({
      async endpoint() {
        const r = await link.archiveEndpoint();
        if (r.kind === 'ok') return { ok: true, value: r.value };
        const message = { zh: r.message, en: r.message };
        return { ok: false, error: r.kind === 'offline' ? { code: 'network', message } : { code: 'unauthenticated', message } };
      },
    }),
  });
  router.register({
    'archive:run': async (req) => {
      const user = link.status().user;
      if (req.callUp || !user) return SKIPPED;
      return { skipped: false, ...(await uploader.run(user.staffNo)) };
    },
  });
}
