/** USB HID usage page of telephony devices (headsets' hook switch, mute, LEDs). */
const TELEPHONY_PAGE = 0x0b;

/** The parts of Electron's `HIDDevice` the grants look at. */
export interface HidDeviceInfo {
  readonly deviceId: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber?: string;
  readonly collections?: readonly { readonly usagePage?: number }[];
}

/**
 * WebHID access for the desk: only telephony headsets, and only the one the agent picked
 * (`navigator.hid.requestDevice` with the telephony filter → `select-hid-device` → `choose`).
 * Everything else — keyboards, security keys, any HID device not picked — stays out of reach.
 * Plain TypeScript (no `electron`): the adapter in `security-guards.ts` wires it to a session.
 */
export class HidGrants {
  private readonly granted = new Set<string>();

  /** Picks the first telephony device offered and remembers it; null (nothing granted) when none is one. */
  choose(devices: readonly HidDeviceInfo[]): HidDeviceInfo | null {
    const pick = devices.find(isTelephony) ?? null;
    if (pick) this.granted.add(keyOf(pick));
    return pick;
  }

  /** Whether a device may be used: a telephony device the agent picked. */
  allows(device: HidDeviceInfo): boolean {
    return isTelephony(device) && this.granted.has(keyOf(device));
  }
}

function isTelephony(d: HidDeviceInfo): boolean {
  return (d.collections ?? []).some((c) => c.usagePage === TELEPHONY_PAGE);
}

/** Stable across reconnects (the device id is not): vendor, product and serial. */
function keyOf(d: HidDeviceInfo): string {
  return `${d.vendorId}:${d.productId}:${d.serialNumber ?? ''}`;
}
