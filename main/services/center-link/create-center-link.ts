import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcRouter } from '../../ipc/ipc-router';
import { EmbeddedCenter } from '../embedded-center';
import type { HostCapabilities } from '../host-capabilities';
import { CenterLinkService } from './center-link-service';
import { CenterClient } from '../center/center-client';
import { OfflineCredentials } from './offline-credentials';
import { KeptAddress, machineConfigPath } from './centre-address';
import { CentreAddressService } from './centre-address-service';
import { checkCentreAddress, type CheckOptions } from './check-centre-address';
import { verifyAdmin } from './verify-admin';

/** Repository root: `main/services/center-link` in source, `out/main` when bundled. */
function findProjectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.includes(`${path.sep}main${path.sep}services`) ? path.resolve(here, '../../..') : path.resolve(here, '../..');
}

/** Options read from the environment. */
export interface CenterLinkEnv {
  /** `HUIFANG_CENTER_URL` (development): a centre, over every other source. */
  readonly centerUrl?: string;
  /** The machine-wide config file IT deploys; `machineConfigPath()` when unset. */
  readonly machineConfig?: string;
  readonly projectRoot?: string;
  /** Tests only: certificates the address check trusts. */
  readonly check?: CheckOptions;
}

/** What other services do when an agent signs in or out (the SIP account from the centre). */
export interface SignInHooks {
  afterSignIn?(staffNo: string, link: CenterLinkService): Promise<void>;
  afterSignOut?(): void;
}

/** The embedded demo centre needs its sources and the tsx loader: a checkout, not a packaged app. */
function embeddedCanRun(root: string): boolean {
  return existsSync(path.join(root, 'center', 'cli.ts')) && existsSync(path.join(root, 'node_modules', 'tsx'));
}

/**
 * Builds the centre link on the address in force (README "The case centre address"; the embedded
 * centre when that is the default), registers the `center:*` handlers and returns a disposer that
 * stops the embedded centre with the host. A new address takes effect without a restart.
 */
export function createCenterLink(
  caps: Pick<HostCapabilities, 'dataDir' | 'emit'>,
  router: IpcRouter,
  env: CenterLinkEnv = { centerUrl: process.env.HUIFANG_CENTER_URL },
  hooks: SignInHooks = {},
): { link: CenterLinkService; dispose: () => Promise<void> } {
  const root = env.projectRoot ?? findProjectRoot();
  let embedded: EmbeddedCenter | null = null;
  const embeddedCentre = () =>
    (embedded ??= new EmbeddedCenter({
      projectRoot: root,
      dataDir: path.join(caps.dataDir, 'center'),
      log: (line) => process.stderr.write(`${line}\n`),
    }));
  const credentials = new OfflineCredentials(path.join(caps.dataDir, 'center-link', 'offline-credentials.json'));
  const address = new CentreAddressService({
    inputs: {
      envUrl: env.centerUrl,
      machineFile: env.machineConfig ?? machineConfigPath(),
      kept: new KeptAddress(path.join(caps.dataDir, 'center-link', 'centre-address.json')),
      embeddedAvailable: embeddedCanRun(root),
    },
    check: (url) => checkCentreAddress(url, env.check),
    verifyAdmin: (url, staffNo, password) => verifyAdmin(url, staffNo, password),
    signedIn: () => link.status().phase !== 'signed_out',
    onChanged: async (next, previous) => {
      link.retarget(next.source === 'embedded');
      if (previous === null) return;
      if (next.source !== 'embedded') {
        const stopping = embedded;
        embedded = null;
        await stopping?.stop();
      }
      await credentials.forgetAll();
    },
  });
  const link: CenterLinkService = new CenterLinkService({
    clientFor: (baseUrl) => new CenterClient({ baseUrl, timeoutMs: 8000 }),
    centerUrl: async () => {
      const current = await address.current();
      if (current.source === 'embedded') return embeddedCentre().url();
      if (current.url) return current.url;
      throw new Error('尚未设置案件中心地址');
    },
    embedded: false,
    credentials,
    onState: (state) => caps.emit('center:status', state),
    onChanged: () => caps.emit('center:changed', { cursor: null }),
    onLive: (staffNo, update) => caps.emit('center:live', update ? { staffNo, update } : { staffNo }),
  });
  router.register({
    'center:address': () => address.refresh(),
    'center:setAddress': (req) => address.setAddress(req),
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
    'center:monitorEnded': (req) => link.monitorEnded(req),
  });
  // Start the embedded centre now so the first sign-in does not wait for it.
  void address
    .current()
    .then((current) => (current.source === 'embedded' && !process.env.VITEST ? embeddedCentre().url() : null))
    .catch((err: unknown) => process.stderr.write(`[center] embedded centre failed to start: ${String(err)}\n`));
  return {
    link,
    dispose: async () => {
      link.dispose();
      await embedded?.stop();
    },
  };
}
