import { describe, expect, it, vi } from 'vitest';
import { HeadsetControl, type HeadsetActions, type HidDeviceLike } from '../../../../renderer/features/headset/headset-control';
import { decodeInput, encodeLeds, telephonyLayout, type HidCollection } from '../../../../renderer/features/headset/hid-telephony';

// Answer / hang up / mute from a USB headset's buttons (HID Usage Tables: Telephony
// page 0x0B — Hook Switch 0x20, Phone Mute 0x2F; LED page 0x08 — Mute 0x09, Off-Hook 0x17, Ring 0x18).

const u = (page: number, id: number) => (page << 16) | id;

/**
 * A headset described the way common USB headsets do: input report 2 = hook switch (absolute
 * state), phone mute (relative: pressed = 1), 6 bits padding; output report 3 = off-hook, mute and
 * ring LEDs, 5 bits padding. A consumer-control collection beside it is ignored.
 */
const HEADSET: HidCollection[] = [
  { usagePage: 0x0c, usage: 0x01, inputReports: [{ reportId: 1, items: [{ usages: [u(0x0c, 0xe9)], reportSize: 1, reportCount: 1 }] }] },
  {
    usagePage: 0x0b,
    usage: 0x05,
    inputReports: [
      {
        reportId: 2,
        items: [
          { usages: [u(0x0b, 0x20)], reportSize: 1, reportCount: 1, isAbsolute: true },
          { usages: [u(0x0b, 0x2f)], reportSize: 1, reportCount: 1, isAbsolute: false },
          { usages: [], reportSize: 6, reportCount: 1 },
        ],
      },
    ],
    outputReports: [
      {
        reportId: 3,
        items: [
          { usages: [u(0x08, 0x17), u(0x08, 0x09), u(0x08, 0x18)], reportSize: 1, reportCount: 3 },
          { usages: [], reportSize: 5, reportCount: 1 },
        ],
      },
    ],
  },
];

const bits = (...b: number[]) => new DataView(new Uint8Array([b.reduce((n, x, i) => n | (x << i), 0)]).buffer);

describe('reading a telephony headset’s report descriptors', () => {
  it('finds the hook switch and mute in the input report, and the three LEDs in the output report', () => {
    const l = telephonyLayout(HEADSET)!;
    expect(l.hook).toEqual({ reportId: 2, bit: 0, size: 1, absolute: true });
    expect(l.mute).toEqual({ reportId: 2, bit: 1, size: 1, absolute: false });
    expect(l.leds.offHook?.bit).toBe(0);
    expect(l.leds.mute?.bit).toBe(1);
    expect(l.leds.ring?.bit).toBe(2);
    expect(l.outputBytes.get(3)).toBe(1);
  });

  it('a device without a telephony collection (a keyboard, a gamepad) has no layout', () => {
    expect(telephonyLayout([HEADSET[0]])).toBeNull();
  });

  it('decodes button reports and ignores reports of other ids', () => {
    const l = telephonyLayout(HEADSET)!;
    expect(decodeInput(l, 2, bits(1, 0))).toEqual({ hook: true, mute: false });
    expect(decodeInput(l, 2, bits(0, 1))).toEqual({ hook: false, mute: true });
    expect(decodeInput(l, 1, bits(1, 1))).toEqual({});
  });

  it('encodes the LEDs into their output report', () => {
    const l = telephonyLayout(HEADSET)!;
    expect(encodeLeds(l, { offHook: true, mute: true, ring: false })).toEqual([{ reportId: 3, data: new Uint8Array([0b011]) }]);
    expect(encodeLeds(l, { offHook: false, mute: false, ring: true })).toEqual([{ reportId: 3, data: new Uint8Array([0b100]) }]);
  });
});

/** A fake WebHID device: input reports are dispatched as `inputreport` events. */
function fakeDevice() {
  const target = new EventTarget();
  const sent: [number, number[]][] = [];
  const device: HidDeviceLike & { press(reportId: number, data: DataView): void } = {
    productName: '测试耳机',
    opened: false,
    collections: HEADSET,
    open: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
    sendReport: async (id, data) => void sent.push([id, [...data]]),
    addEventListener: (t, l) => target.addEventListener(t, l),
    removeEventListener: (t, l) => target.removeEventListener(t, l),
    press: (reportId, data) => target.dispatchEvent(Object.assign(new Event('inputreport'), { reportId, data })),
  };
  return { device, sent };
}

function actions(state = { ringing: false, callUp: false, muted: false }) {
  const a = { answer: vi.fn(), hangup: vi.fn(), setMuted: vi.fn(), state: () => state } satisfies HeadsetActions;
  return { a, state };
}

describe('the headset’s buttons drive the softphone, its LEDs follow the call', () => {
  it('lifting the hook answers a ringing call; putting it down hangs up the call', async () => {
    const { device } = fakeDevice();
    const { a, state } = actions({ ringing: true, callUp: false, muted: false });
    const c = (await HeadsetControl.attach(device, a))!;
    expect(device.open).toHaveBeenCalled();
    device.press(2, bits(1, 0));
    expect(a.answer).toHaveBeenCalledTimes(1);
    Object.assign(state, { ringing: false, callUp: true });
    device.press(2, bits(1, 0)); // same state again: nothing
    device.press(2, bits(0, 0));
    expect(a.hangup).toHaveBeenCalledTimes(1);
    await c.detach();
    expect(device.close).toHaveBeenCalled();
  });

  it('the mute button toggles mute on press during a call, not on release, and does nothing without a call', async () => {
    const { device } = fakeDevice();
    const { a, state } = actions({ ringing: false, callUp: true, muted: false });
    await HeadsetControl.attach(device, a);
    device.press(2, bits(0, 1));
    device.press(2, bits(0, 0));
    expect(a.setMuted.mock.calls).toEqual([[true]]);
    Object.assign(state, { callUp: false });
    device.press(2, bits(0, 1));
    expect(a.setMuted).toHaveBeenCalledTimes(1);
  });

  it('the LEDs show off-hook and mute while a call is up, ring while one rings', async () => {
    const { device, sent } = fakeDevice();
    const c = (await HeadsetControl.attach(device, actions().a))!;
    await c.show({ ringing: true, callUp: false, muted: false });
    await c.show({ ringing: false, callUp: true, muted: true });
    expect(sent).toEqual([
      [3, [0b100]],
      [3, [0b011]],
    ]);
  });
});
