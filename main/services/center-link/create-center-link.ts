import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcRouter } from '../../ipc/ipc-router';
import { EmbeddedCenter } from '../embedded-center';
import type { HostCapabilities } from '../host-capabilities';
import { CenterLinkService } from './center-link-service';
import { CenterClient } from '../center/center-client';
import { OfflineCredentials } from './offline-credentials';

/** Repository root: `main/services/center-link` in source, `out/main` when bundled. */
function findProjectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.includes(`${path.sep}main${path.sep}services`) ? path.resolve(here, '../../..') : path.resolve(here, '../..');
}

/** Options read from the environment. */
export interface CenterLinkEnv {
  /** `HUIFANG_CENTER_URL`: a real centre. Unset → the embedded centre. */
  readonly centerUrl?: string;
  readonly projectRoot?: string;
}

/** What other services do when an agent signs in or out (the SIP account from the centre). */
export interface SignInHooks {
  afterSignIn?(staffNo: string, link: CenterLinkService): Promise<void>;
  afterSignOut?(): void;
}

/**
 * Builds the centre link (and, without a configured URL, the embedded centre), registers the
 * `center:*` handlers and returns a disposer that stops the embedded centre with the host.
 */
export function createCenterLink(
  caps: Pick<HostCapabilities, 'dataDir' | 'emit'>,
  router: IpcRouter,
  env: CenterLinkEnv = { centerUrl: process.env.HUIFANG_CENTER_URL },
  hooks: SignInHooks = {},
): { link: CenterLinkService; dispose: () => Promise<void> } {
  const configured = env.centerUrl?.trim();
  const embedded = configured
    ? null
    : new EmbeddedCenter({
        projectRoot: env.projectRoot ?? findProjectRoot(),
        dataDir: path.join(caps.dataDir, 'center'),
        log: (line) => process.stderr.write(`${line}\n`),
      });
  const link = new CenterLinkService({
    clientFor: (baseUrl) => new CenterClient({ baseUrl, timeoutMs: 8000 }),
    centerUrl: () => (embedded ? embedded.url() : Promise.resolve(configured as string)),
    embedded: embedded !== null,
    credentials: new OfflineCredentials(path.join(caps.dataDir, 'center-link', 'offline-credentials.json')),
    onState: (state) => caps.emit('center:status', state),
    onChanged: () => caps.emit('center:changed', { cursor: null }),
    onLive: (staffNo) => caps.emit('center:live', { staffNo }),
  });
  router.register({
    'center:signIn': async (req) => {
      const result = await link.signIn(req.staffNo, req.password);
      // The desk is ready when sign-in answers: the softphone registers with the account in force.
      if (result.kind === 'signed_in') await hooks.afterSignIn?.(result.user.staffNo, link);
      return result;
    },
    'center:signOut': async () => {
      hooks.afterSignOut?.();
      return link.signOut();
    },
    'center:getStatus': () => link.status(),
    'center:pull': (req) => link.pull(req),
    'center:push': (req) => link.push(req),
    'center:roster': () => link.roster(),
    'center:deskConfig': () => link.deskConfig(),
    'center:publishLive': (req) => link.publishLive(req),
    'center:teamLive': (req) => link.teamLive(req),
    'center:teamCases': (req) => link.teamCases(req),
    'center:reassign': (req) => link.reassign(req),
    'center:teamPhoneCorrections': (req) => link.teamPhoneCorrections(req),
    'center:reviewPhoneCorrection': (req) => link.reviewPhoneCorrection(req),
    'center:teamCallbacks': (req) => link.teamCallbacks(req),
    'center:monitorGrant': (req) => link.monitorGrant(req),
    'center:monitorVerify': (req) => link.monitorVerify(req),
  });
  // Start the embedded centre now so the first sign-in does not wait for it.
  if (!process.env.VITEST) embedded?.url().catch((err: unknown) => process.stderr.write(`[center] embedded centre failed to start: ${String(err)}\n`));
  return {
    link,
    dispose: async () => {
      link.dispose();
      await embedded?.stop();
    },
  };
}
