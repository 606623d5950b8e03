/** An audio device as the settings list shows it. */
export interface AudioDevice {
  readonly id: string;
  readonly label: string;
}

/** Lists microphones and outputs; labels are empty until media permission was granted. */
export async function listAudioDevices(): Promise<{ inputs: AudioDevice[]; outputs: AudioDevice[] }> {
  if (!navigator.mediaDevices?.enumerateDevices) return { inputs: [], outputs: [] };
  const all = await navigator.mediaDevices.enumerateDevices();
  const map = (kind: MediaDeviceKind) =>
    all.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId || 'default', label: d.label || `${kind} ${i + 1}` }));
  return { inputs: map('audioinput'), outputs: map('audiooutput') };
}

/**
 * The device to use after a `devicechange`: the chosen one while it exists, else the system
 * default. `changed` tells the caller to switch and tell the agent (headset unplugged).
 */
export function followDevice(chosen: string, available: readonly AudioDevice[]): { id: string; changed: boolean } {
  if (chosen === 'default' || available.some((d) => d.id === chosen)) return { id: chosen, changed: false };
  return { id: 'default', changed: true };
}

/** Microphone constraints for a device id ('default' → let the browser pick). */
export function micConstraints(deviceId: string): MediaTrackConstraints | true {
  return deviceId === 'default' ? true : { deviceId: { exact: deviceId } };
}

type SinkElement = HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };

/** Routes a media element to an output device; false when the browser cannot (no setSinkId). */
export async function routeToOutput(element: HTMLMediaElement, deviceId: string): Promise<boolean> {
  const sink = element as SinkElement;
  if (typeof sink.setSinkId !== 'function') return false;
  try {
    await sink.setSinkId(deviceId === 'default' ? '' : deviceId);
    return true;
  } catch {
    return false;
  }
}
