import type { IpcRouter } from '../../ipc/ipc-router';
import type { HostCapabilities } from '../host-capabilities';
import { CallAwakeTracker } from './call-awake-tracker';
import { SoftphoneConfigService } from './softphone-config-service';
import type { SoftphoneSeed } from './seed-from-env';

/** The softphone's main-process side as `createMainServices` wires it. */
export interface SoftphoneServices {
  readonly config: SoftphoneConfigService;
  readonly awake: CallAwakeTracker;
  /** The configured proxy origin for the CSP `connect-src`. */
  connectOrigins(): string[];
  dispose(): void;
}

/**
 * Builds the softphone services and registers `softphone:*` handlers. A `seed` (web host launch
 * options) is saved before the first renderer connects.
 */
export function createSoftphoneServices(
  caps: Pick<HostCapabilities, 'dataDir' | 'secrets' | 'displayKeeper' | 'emit'>,
  router: IpcRouter,
  seed?: SoftphoneSeed | null,
): SoftphoneServices {
  const config = new SoftphoneConfigService(caps.dataDir, caps.secrets);
  const awake = new CallAwakeTracker(caps.displayKeeper);
  if (seed) config.save(seed.config, seed.password);
  const unsubscribe = config.onChange((view) => caps.emit('softphone:configChanged', { hasPassword: view.hasPassword }));
  router.register({
    'softphone:getConfig': () => config.view(),
    'softphone:saveConfig': (req) => config.save(req.config, req.password),
    'softphone:credentials': () => config.credentials(),
    'softphone:reportCallState': (req) => ({ keepingAwake: awake.report(req.state) }),
  });
  return {
    config,
    awake,
    connectOrigins: () => config.connectOrigins(),
    dispose() {
      unsubscribe();
      awake.releaseNow();
    },
  };
}
