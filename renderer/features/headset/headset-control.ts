import { decodeInput, encodeLeds, telephonyLayout, type HidCollection, type TelephonyLayout } from './hid-telephony';

/** What WebHID's `HIDDevice` offers that the headset needs (structural, so tests can fake it). */
export interface HidDeviceLike {
  readonly productName: string;
  readonly opened: boolean;
  readonly collections: readonly HidCollection[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: Uint8Array): Promise<void>;
  addEventListener(type: 'inputreport', listener: (e: Event) => void): void;
  removeEventListener(type: 'inputreport', listener: (e: Event) => void): void;
}

/** The call as the headset needs to know it. */
export interface HeadsetCallState {
  readonly ringing: boolean;
  readonly callUp: boolean;
  readonly muted: boolean;
}

/** What the headset's buttons do. */
export interface HeadsetActions {
  answer(): void;
  hangup(): void;
  setMuted(muted: boolean): void;
  state(): HeadsetCallState;
}

/**
 * One headset's buttons and LEDs bound to the softphone. The hook switch answers a ringing call
 * when lifted and hangs up when put down; a hook that only reports presses (relative) toggles
 * between the two. The mute button toggles mute on press. The off-hook, mute and ring LEDs follow
 * the call (`show`), so what the agent sees on the headset is what the desk does.
 */
export class HeadsetControl {
  private hook: boolean | null = null;
  private mute = false;
  private readonly onReport = (e: Event) => {
    const r = e as Event & { reportId: number; data: DataView };
    this.input(r.reportId, r.data);
  };

  private constructor(
    private readonly device: HidDeviceLike,
    private readonly layout: TelephonyLayout,
    private readonly actions: HeadsetActions,
  ) {}

  /** Opens a telephony headset and starts listening; null when the device has no telephony controls. */
  static async attach(device: HidDeviceLike, actions: HeadsetActions): Promise<HeadsetControl | null> {
    const layout = telephonyLayout(device.collections);
    if (!layout || (!layout.hook && !layout.mute)) return null;
    if (!device.opened) await device.open();
    const control = new HeadsetControl(device, layout, actions);
    device.addEventListener('inputreport', control.onReport);
    return control;
  }

  get name(): string {
    return this.device.productName;
  }

  /** One input report from the device (exposed for the event listener and tests). */
  input(reportId: number, data: DataView): void {
    const { hook, mute } = decodeInput(this.layout, reportId, data);
    const s = this.actions.state();
    if (hook !== undefined && hook !== this.hook) {
      const lifted = hook === true;
      const pressOnly = this.layout.hook?.absolute === false;
      this.hook = hook;
      if (lifted) {
        if (s.ringing) this.actions.answer();
        else if (pressOnly && s.callUp) this.actions.hangup();
      } else if (!pressOnly && s.callUp) this.actions.hangup();
    }
    if (mute !== undefined && mute !== this.mute) {
      this.mute = mute;
      if (mute && s.callUp) this.actions.setMuted(!s.muted);
    }
  }

  /** Sets the LEDs to the call's state (errors of a device gone meanwhile are ignored). */
  async show(state: HeadsetCallState): Promise<void> {
    for (const r of encodeLeds(this.layout, { offHook: state.callUp, mute: state.callUp && state.muted, ring: state.ringing })) {
      await this.device.sendReport(r.reportId, r.data).catch(() => undefined);
    }
  }

  async detach(): Promise<void> {
    this.device.removeEventListener('inputreport', this.onReport);
    await this.device.close().catch(() => undefined);
  }
}
