/**
 * USB headset call control over WebHID (HID Usage Tables: Telephony page 0x0B, LED page 0x08). A
 * device describes its reports as collections of items; this finds where the hook switch and the
 * mute button sit in its input reports and where the off-hook, mute and ring LEDs sit in its output
 * reports, reads button reports and writes LED reports. Pure: the shapes are WebHID's
 * (`HIDCollectionInfo`, `HIDReportItem`), declared structurally so tests need no device.
 */

export const TELEPHONY_PAGE = 0x0b;
const HOOK_SWITCH = 0x20;
const PHONE_MUTE = 0x2f;
const LED_PAGE = 0x08;
const LED_MUTE = 0x09;
const LED_OFF_HOOK = 0x17;
const LED_RING = 0x18;

/** A report item as WebHID gives it: usages are 32-bit (page << 16 | id). */
export interface HidItem {
  readonly usages?: readonly number[];
  readonly usageMinimum?: number;
  readonly usageMaximum?: number;
  readonly isRange?: boolean;
  readonly isAbsolute?: boolean;
  readonly reportSize?: number;
  readonly reportCount?: number;
}
export interface HidReport {
  readonly reportId?: number;
  readonly items?: readonly HidItem[];
}
export interface HidCollection {
  readonly usagePage?: number;
  readonly usage?: number;
  readonly inputReports?: readonly HidReport[];
  readonly outputReports?: readonly HidReport[];
  readonly children?: readonly HidCollection[];
}

/** Where one control sits: its report, first bit, width; `absolute` for a state (hook) rather than a press. */
export interface HidField {
  readonly reportId: number;
  readonly bit: number;
  readonly size: number;
  readonly absolute: boolean;
}

/** A telephony headset's controls; null fields: the device does not have that control. */
export interface TelephonyLayout {
  readonly hook: HidField | null;
  readonly mute: HidField | null;
  readonly leds: { readonly offHook: HidField | null; readonly mute: HidField | null; readonly ring: HidField | null };
  /** Bytes of each output report (without the report id). */
  readonly outputBytes: ReadonlyMap<number, number>;
}

const usageOf = (page: number, id: number) => (page << 16) | id;

/** Each usage of a report with its bit position, in report order. */
function fields(report: HidReport): { usage: number; field: HidField }[] {
  const out: { usage: number; field: HidField }[] = [];
  let bit = 0;
  for (const item of report.items ?? []) {
    const size = item.reportSize ?? 0;
    const count = item.reportCount ?? 0;
    const usages = item.usages ?? [];
    for (let i = 0; i < count; i++) {
      const usage = item.isRange && item.usageMinimum !== undefined ? item.usageMinimum + i : (usages[i] ?? usages.at(-1));
      if (usage !== undefined) out.push({ usage, field: { reportId: report.reportId ?? 0, bit: bit + i * size, size, absolute: item.isAbsolute ?? true } });
    }
    bit += size * count;
  }
  return out;
}

function reportBytes(report: HidReport): number {
  return Math.ceil((report.items ?? []).reduce((n, it) => n + (it.reportSize ?? 0) * (it.reportCount ?? 0), 0) / 8);
}

/** The telephony controls of a device's collections, or null when it has no telephony collection. */
export function telephonyLayout(collections: readonly HidCollection[]): TelephonyLayout | null {
  const phone = collections.filter((c) => c.usagePage === TELEPHONY_PAGE);
  if (phone.length === 0) return null;
  const all = (pick: (c: HidCollection) => readonly HidReport[] | undefined) => {
    const walk = (c: HidCollection): HidReport[] => [...(pick(c) ?? []), ...(c.children ?? []).flatMap(walk)];
    return phone.flatMap(walk);
  };
  const inputs = all((c) => c.inputReports).flatMap(fields);
  const outputs = all((c) => c.outputReports);
  const outFields = outputs.flatMap(fields);
  const find = (list: { usage: number; field: HidField }[], usage: number) => list.find((f) => f.usage === usage)?.field ?? null;
  return {
    hook: find(inputs, usageOf(TELEPHONY_PAGE, HOOK_SWITCH)),
    mute: find(inputs, usageOf(TELEPHONY_PAGE, PHONE_MUTE)),
    leds: {
      offHook: find(outFields, usageOf(LED_PAGE, LED_OFF_HOOK)),
      mute: find(outFields, usageOf(LED_PAGE, LED_MUTE)),
      ring: find(outFields, usageOf(LED_PAGE, LED_RING)),
    },
    outputBytes: new Map(outputs.map((r) => [r.reportId ?? 0, reportBytes(r)])),
  };
}

function readBit(data: DataView, f: HidField): boolean {
  const byte = f.bit >> 3;
  return byte < data.byteLength && ((data.getUint8(byte) >> (f.bit & 7)) & 1) === 1;
}

/** The button states an input report carries (absent: the report does not carry that control). */
export function decodeInput(layout: TelephonyLayout, reportId: number, data: DataView): { hook?: boolean; mute?: boolean } {
  const out: { hook?: boolean; mute?: boolean } = {};
  if (layout.hook?.reportId === reportId) out.hook = readBit(data, layout.hook);
  if (layout.mute?.reportId === reportId) out.mute = readBit(data, layout.mute);
  return out;
}

/** The output reports that set the LEDs to `state` (one per report id the LEDs live in). */
export function encodeLeds(layout: TelephonyLayout, state: { offHook: boolean; mute: boolean; ring: boolean }): { reportId: number; data: Uint8Array }[] {
  const byReport = new Map<number, Uint8Array>();
  const set = (f: HidField | null, on: boolean) => {
    if (!f) return;
    const data = byReport.get(f.reportId) ?? new Uint8Array(layout.outputBytes.get(f.reportId) ?? (f.bit >> 3) + 1);
    byReport.set(f.reportId, data);
    if (on && f.bit >> 3 < data.length) data[f.bit >> 3] |= 1 << (f.bit & 7);
  };
  set(layout.leds.offHook, state.offHook);
  set(layout.leds.mute, state.mute);
  set(layout.leds.ring, state.ring);
  return [...byReport].map(([reportId, data]) => ({ reportId, data }));
}
