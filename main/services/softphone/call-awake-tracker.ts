import type { ReportedCallState } from '../../../shared/ipc/channels/softphone';
import type { DisplayKeeper } from '../host-capabilities';

/**
 * Keeps the display awake while a call is up (calling, ringing, established, held, ending) and
 * releases it when the renderer reports idle or goes away.
 *
 *   idle ──calling/ringing/established/held/ending──▶ awake ──idle / release()──▶ idle
 */
export class CallAwakeTracker {
  private release: (() => void) | null = null;
  private lastState: ReportedCallState = 'idle';

  constructor(private readonly keeper: DisplayKeeper) {}

  /** Applies a reported state; returns whether the display is being kept awake now. */
  report(state: ReportedCallState): boolean {
    this.lastState = state;
    if (state === 'idle') this.releaseNow();
    else if (!this.release) this.release = this.keeper.keepAwake();
    return this.release !== null;
  }

  /** The last state the renderer reported. */
  state(): ReportedCallState {
    return this.lastState;
  }

  /** Releases the wake lock (renderer closed, shutdown). */
  releaseNow(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}
