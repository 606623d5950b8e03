import { IpcRouter, type IpcLogger } from '../ipc/ipc-router';
import { AppService } from './app-service';
import { CacheKeyService } from './cache-key/cache-key-service';
import { createCenterLink } from './center-link/create-center-link';
import { createArchive } from './archive/create-archive';
import { registerQa } from './qa/create-qa';
import { linkedExportCentre, registerExports } from './exports/create-exports';
import type { HostCapabilities } from './host-capabilities';
import { createRecordingServices } from './recording/create-recording-services';
import { roleBasedPolicy } from './recording/access-policy';
import { createSoftphoneServices } from './softphone/create-softphone-services';
import { softphoneSeedFromEnv } from './softphone/seed-from-env';
import { CentreSipAccounts } from './softphone/centre-sip-account';

/** The running set of main-process services, as one host (Electron or web) sees them. */
export interface MainServices {
  readonly router: IpcRouter;
  /** Origins the renderer may connect to besides its own (SIP proxy); feeds the CSP. */
  connectSrc(): readonly string[];
  /** Releases timers, files and child processes. */
  dispose(): Promise<void>;
}

/**
 * Builds every main-process service from host capabilities and registers their IPC handlers.
 * Both `main/index.ts` (Electron) and the web host call this, so they serve the same contract.
 */
export async function createMainServices(caps: HostCapabilities, log?: IpcLogger): Promise<MainServices> {
  const router = new IpcRouter(log);
  const app = new AppService(caps);
  router.register({
    'app:info': () => app.info(),
    'app:ping': (req) => app.ping(req),
  });
  const cacheKeys = new CacheKeyService(caps.dataDir, caps.secrets);
  router.register({ 'app:cacheKey': () => cacheKeys.cacheKey() });
  const disposers: (() => Promise<void> | void)[] = [];
  // The SIP account an administrator set at the centre is in force while its agent is signed in.
  let centreSip: CentreSipAccounts | null = null;
  const centerLink = createCenterLink(caps, router, undefined, {
    afterSignIn: async (staffNo, link) => centreSip?.followSignIn(staffNo, await link.sipAccount()),
    afterSignOut: () => centreSip?.release(),
  });
  disposers.push(centerLink.dispose);
  // The web host may be given a SIP account at launch (HUIFANG_SIP_WS etc.; tests, kiosks).
  // Agents may change only their own SIP account; the proxy, caller ID and prefix are the administrator's.
  const signedInRole = () => centerLink.link.status().user?.role ?? null;
  const softphone = createSoftphoneServices(caps, router, caps.host === 'web' ? softphoneSeedFromEnv(process.env) : null, signedInRole);
  disposers.push(() => softphone.dispose());
  const centre = new CentreSipAccounts(caps.dataDir, caps.secrets, softphone.config);
  centreSip = centre;
  router.register({ 'softphone:checkProxies': async () => centre.learnProxies(await centerLink.link.sipProxies()) });
  // Recovers recordings interrupted by a crash before any renderer connects. Playback, delete and legal
  // hold follow the role of whoever is signed in on this workstation (docs/domain.md §9): supervisor/QA
  // level may listen, only administrators may delete or hold; nobody signed in → denied.
  const recordingServices = await createRecordingServices(caps, router);
  const qa = registerQa(router, centerLink.link);
  recordingServices.setAccessPolicy(
    roleBasedPolicy(() => {
      const user = centerLink.link.status().user;
      return user ? { userId: user.staffNo, role: user.role } : null;
    }, qa.ownFailedCall),
  );
  disposers.push(await createArchive(caps, router, centerLink.link, recordingServices));
  registerExports(router, await linkedExportCentre(centerLink.link, caps.dataDir), caps.chooseSavePath);
  return {
    router,
    connectSrc: () => centre.connectSrc(softphone.connectOrigins()),
    async dispose() {
      for (const d of disposers.reverse()) await d();
    },
  };
}
