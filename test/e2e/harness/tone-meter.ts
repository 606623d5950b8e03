import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * A party's test microphone: bursts of one sine tone (0.4 s on, 0.2 s off, ~`seconds` long) at
 * 48 kHz. Bursts rather than a steady tone: Chrome's noise suppression learns a steady tone as
 * noise and flattens it (INFRA.md); each party gets its own frequency so a mix can be told apart.
 */
export function toneWav(dir: string, name: string, hz: number, seconds = 60): string {
  const out = path.join(dir, `${name}-${hz}.wav`);
  const repeats = Math.ceil(seconds / 0.6) - 1;
  execFileSync('sox', [
    '-n',
    '-r',
    '48000',
    '-c',
    '1',
    '-b',
    '16',
    out,
    'synth',
    '0.4',
    'sine',
    String(hz),
    'vol',
    '0.5',
    'pad',
    '0',
    '0.2',
    'repeat',
    String(repeats),
  ]);
  return out;
}

/** Records every RTCPeerConnection the page creates from now on (`window.__tonePcs`). */
export async function capturePeerConnections(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __tonePcs?: RTCPeerConnection[]; RTCPeerConnection: typeof RTCPeerConnection };
    if (w.__tonePcs) return;
    const list: RTCPeerConnection[] = [];
    w.__tonePcs = list;
    const Original = w.RTCPeerConnection;
    w.RTCPeerConnection = class extends Original {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        list.push(this);
      }
    };
  });
}

/**
 * Peak level (dBFS, floor −200) at each of `freqs` in what a peer connection of the page receives,
 * over `ms`: a WebAudio analyser on the receiver's track (also played muted, or Chromium feeds
 * WebAudio nothing, INFRA.md). `list` names the page's capture (`__peerConnections` of the
 * workstation, `__tonePcs` of `capturePeerConnections`); `index` −1 is the newest.
 */
export async function receivedTones(page: Page, list: '__peerConnections' | '__tonePcs', index: number, freqs: number[], ms: number): Promise<number[]> {
  return page.evaluate(
    async ({ list, index, freqs, ms }) => {
      const pcs = (window as unknown as Record<string, RTCPeerConnection[]>)[list];
      const pc = pcs.at(index);
      const track = pc?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
      if (!track) return freqs.map(() => -200);
      const stream = new MediaStream([track]);
      const audio = new Audio();
      audio.muted = true;
      audio.srcObject = stream;
      void audio.play().catch(() => undefined);
      const ctx = new AudioContext({ sampleRate: 48000 });
      await ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const binHz = ctx.sampleRate / analyser.fftSize;
      const peaks = freqs.map(() => -200);
      const until = performance.now() + ms;
      while (performance.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        analyser.getFloatFrequencyData(bins);
        freqs.forEach((f, i) => {
          const centre = Math.round(f / binHz);
          for (let b = centre - 2; b <= centre + 2; b++) if (Number.isFinite(bins[b])) peaks[i] = Math.max(peaks[i], bins[b]);
        });
      }
      audio.srcObject = null;
      await ctx.close();
      return peaks;
    },
    { list, index, freqs, ms },
  );
}

/** Goertzel power (dB, relative) of `hz` in each `windowMs` window of 48 kHz samples. */
export function toneTrack(samples: Float32Array, hz: number, windowMs = 100, rate = 48000): number[] {
  const n = Math.round((rate * windowMs) / 1000);
  const coeff = 2 * Math.cos((2 * Math.PI * hz) / rate);
  const out: number[] = [];
  for (let start = 0; start + n <= samples.length; start += n) {
    let s1 = 0;
    let s2 = 0;
    for (let i = start; i < start + n; i++) {
      const s0 = samples[i]! + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (n * n);
    out.push(10 * Math.log10(power + 1e-20));
  }
  return out;
}
