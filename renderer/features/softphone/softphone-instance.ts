import { huifang } from '../../ipc/huifang';
import type { SoftphoneApi } from './softphone-api';
import { SoftphoneService } from './softphone-service';
import { useSoftphoneStore } from './softphone-store';
import { useMonitorStore } from '../monitor/monitor-store';

let instance: SoftphoneService | null = null;

/**
 * The renderer's one softphone, created and started on first use. Other features use it through
 * `SoftphoneApi` (dial, hang up, call lifecycle); the panel uses the full service.
 */
export function getSoftphone(): SoftphoneService & SoftphoneApi {
  if (!instance) {
    instance = new SoftphoneService(huifang(), {
      get: () => useSoftphoneStore.getState(),
      dispatch: (action) => useSoftphoneStore.getState().dispatch(action),
    }, (action) => useMonitorStore.getState().dispatch(action));
    void instance.start();
  }
  return instance;
}

/** The running softphone, without starting one (null before first use). */
export function currentSoftphone(): SoftphoneService | null {
  return instance;
}
