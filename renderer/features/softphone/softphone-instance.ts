import { huifang } from '../../ipc/huifang';
import { noCompanion, type CompanionFactory } from './line-companion';
import type { SoftphoneApi } from './softphone-api';
import { SoftphoneService } from './softphone-service';
import { useSoftphoneStore } from './softphone-store';
import type { TrainingTransport } from './training-port';

let instance: SoftphoneService | null = null;
let companion: CompanionFactory = noCompanion;
let training: (() => TrainingTransport) | null = null;

/** What shares the softphone's line (listen-in); the app wires it in before the softphone starts. */
export function shareLineWith(factory: CompanionFactory): void {
  companion = factory;
}

/** The training line's transport (the training feature's); the app wires it in before the softphone starts. */
export function trainOn(transport: () => TrainingTransport): void {
  training = transport;
}

/**
 * The renderer's one softphone, created and started on first use. Other features use it through
 * `SoftphoneApi` (dial, hang up, call lifecycle); the panel uses the full service.
 */
export function getSoftphone(): SoftphoneService & SoftphoneApi {
  if (!instance) {
    instance = new SoftphoneService(
      huifang(),
      {
        get: () => useSoftphoneStore.getState(),
        dispatch: (action) => useSoftphoneStore.getState().dispatch(action),
      },
      companion,
      training,
    );
    void instance.start();
  }
  return instance;
}
