import { DomainError } from '../../../shared/ipc/ipc-error';
import { softphoneConfigSchema } from '../../../shared/ipc/channels/softphone';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { HostCapabilities } from '../host-capabilities';
import { CallAwakeTracker } from './call-awake-tracker';
import { SoftphoneConfigService } from './softphone-config-service';
import type { SoftphoneSeed } from './seed-from-env';
import { softphoneSaveRefusal } from './save-policy';

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
 * options) is saved before the first renderer connects. `roleOf` names the signed-in role for
 * `softphone:saveConfig` (see `softphoneSaveRefusal`); without it every save is allowed (unit
 * tests of the config service only).
 */
export function createSoftphoneServices(
  caps: Pick<HostCapabilities, 'dataDir' | 'secrets' | 'displayKeeper' | 'emit'>,
  router: IpcRouter,
  seed?: SoftphoneSeed | null,
  roleOf?: () => string | null,
): SoftphoneServices {
  const config = new SoftphoneConfigService(caps.dataDir, caps.secrets);
  const awake = new CallAwakeTracker(caps.displayKeeper);
  if (seed) config.save(seed.config, seed.password);
  const unsubscribe = config.onChange((view) => caps.emit('softphone:configChanged', { hasPassword: view.hasPassword }));
  router.register({
    'softphone:getConfig': () => config.view(),
    'softphone:saveConfig': (req) => {
      if (roleOf) {
        const refusal = softphoneSaveRefusal(roleOf(), config.view().config, softphoneConfigSchema.parse(req.config));
        if (refusal) throw new DomainError(refusal);
      }
      return config.save(req.config, req.password);
    },
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
