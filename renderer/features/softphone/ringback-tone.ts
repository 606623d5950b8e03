import { routeToOutput } from '../../audio/audio-devices';

/**
 * Plays the Chinese ringback cadence (450 Hz, 1 s on, 4 s off) on the ringer output while an
 * outbound call is ringing, so the ringer can be a loudspeaker separate from the headset.
 */
export class RingbackTone {
  private context: AudioContext | null = null;
  private element: HTMLAudioElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Starts the tone on `deviceId`; no-op without WebAudio or when already playing. */
  async start(deviceId: string): Promise<void> {
    if (this.context || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const destination = context.createMediaStreamDestination();
    oscillator.frequency.value = 450;
    gain.gain.value = 0;
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    const element = new Audio();
    element.srcObject = destination.stream;
    this.context = context;
    this.element = element;
    await routeToOutput(element, deviceId);
    // stop() may have run while the output was being chosen.
    if (this.context !== context) return;
    void element.play().catch(() => undefined);
    const cadence = () => {
      const t = context.currentTime;
      gain.gain.setValueAtTime(0.15, t);
      gain.gain.setValueAtTime(0, t + 1);
    };
    cadence();
    this.timer = setInterval(cadence, 5000);
  }

  /** Stops the tone and releases the audio context. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.element) {
      this.element.pause();
      this.element.srcObject = null;
    }
    this.element = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
