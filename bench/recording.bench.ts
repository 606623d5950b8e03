import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { decodeChannels, decryptFromDisk, findManifests, probeFile } from '../test/main/services/recording/audio-analysis';
import { launchChromium, openLoggedPage } from '../test/e2e/harness/chromium';
import { AGENT_SPEECH, CUSTOMER_SPEECH, makeSpeechWav } from '../test/e2e/harness/customer-ua';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';
import type { Report } from './run';
import { alignBlockwise } from './lib/align';
import { recordingCpu } from './lib/cpu-windows';
import { median, spread } from './lib/stats';
import { stoi } from './lib/stoi';

const root = path.resolve(import.meta.dirname, '..');
/** CPU: idle and recording windows of the same length, alternated, several rounds. */
const CPU_ROUNDS = 5;
const CPU_WINDOW_MS = 5000;
/** Lets a recording reach its steady state (and a finalisation end) before a window opens. */
const SETTLE_MS = 1000;
/** Size and intelligibility: the same call recorded twice at once, several times. */
const QUALITY_ROUNDS = 3;
const QUALITY_CALL_MS = 12_000;
const REFERENCE_BITS_PER_SECOND = 128_000;
/** Length of each of the five consecutive calls. */
const CONSECUTIVE_CALL_MS = 3000;
const DECODE_RATE = 16_000;

/**
 * Recording figures from real recordings in Debian Chromium through the web host. The recorder
 * module is bundled with esbuild and injected into the app page, which supplies the real
 * `window.huifang` over the web host's WebSocket; live media are Chromium's fake microphone (agent
 * speech, full band) and customer speech band-limited to the telephone band (300–3400 Hz, as a
 * gateway delivers it) played into a MediaStream.
 * - `recording.kbit_per_s`, `recording.bytes_per_min`: size of the finalised stereo WebM/Opus at the
 *   production bitrate over its duration (goal ≤ 32 kbit/s); the 128 kbit/s reference beside it.
 * - `recording.customer_stoi_vs_128k`, `recording.agent_stoi_vs_128k`: STOI (Taal et al. 2011,
 *   bench/lib/stoi.ts) of each channel of the production recording against the same channel of a
 *   128 kbit/s recording of the same call made at the same time (goal ≥ 0.95).
 * - `recording.cpu_percent`, `recording.cpu_host_percent` (main-process share: decode, AES-GCM,
 *   append + fsync), `recording.cpu_browser_percent`: CPU in percent of one core while recording,
 *   beside the same page with the same live streams not recording (`…_idle_percent`, `…_ratio`),
 *   in alternating windows of equal length (bench/lib/cpu-windows.ts).
 * - `recording.gap_ms_consecutive`: total recording gap over 5 consecutive calls through the desk's
 *   one recorder (goal 0), beside `recording.gap_ms_first_call`, the first of them.
 */
export default async function run(report: Report): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-rec-bench-'));
  const agentWav = makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent');
  const customerWav = telephoneBand(makeSpeechWav(dir, CUSTOMER_SPEECH, 20, 'customer'));
  const bundle = await build({
    entryPoints: [path.join(root, 'renderer/features/recording/call-recorder.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'HuifangRecorder',
    write: false,
    platform: 'browser',
  });
  const host = await startWebHostProcess();
  const browser = await launchChromium({ fakeAudioWav: agentWav });
  const log: string[] = [];
  try {
    const page = await openLoggedPage(await browser.newContext({ bypassCSP: true }), log);
    await page.goto(host.url);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate(installBenchRecorders, readFileSync(customerWav).toString('base64'));
    const begin = (caseId: string, o: { bitsPerSecond?: number; sharedContext?: boolean } = {}) =>
      page.evaluate(([c, b, s]) => (window as unknown as BenchWindow).__bench.begin(c, b, s), [caseId, o.bitsPerSecond, o.sharedContext ?? false] as const);
    const end = (sessionId: string) => page.evaluate((id) => (window as unknown as BenchWindow).__bench.end(id), sessionId);
    const recordingOf = async (sessionId: string) => {
      const manifest = findManifests(host.dataDir).find((m) => m.sessionId === sessionId);
      if (!manifest) throw new Error(`recording ${sessionId} was not finalised`);
      const webm = await decryptFromDisk(host.dataDir, manifest);
      return { manifest, webm, seconds: probeFile(webm).duration ?? manifest.durationMs / 1000 };
    };

    // --- CPU: idle and recording windows alike (same length, same live media), alternated.
    const hostPid = host.child.pid;
    if (!hostPid) throw new Error('no host process id to measure');
    await recordingCpu(report, { hostPid, rounds: CPU_ROUNDS, windowMs: CPU_WINDOW_MS, settleMs: SETTLE_MS, begin: (r) => begin(`BENCH-CPU-${r}`), end });

    // --- Size and intelligibility: production bitrate and 128 kbit/s recording the same call at once.
    const q = { kbit: [] as number[], refKbit: [] as number[], agent: [] as number[], customer: [] as number[] };
    for (let r = 0; r < QUALITY_ROUNDS; r++) {
      const [production, reference] = await Promise.all([
        begin(`BENCH-PROD-${r}`, { sharedContext: true }),
        begin(`BENCH-REF-${r}`, { sharedContext: true, bitsPerSecond: REFERENCE_BITS_PER_SECOND }),
      ]);
      await sleep(QUALITY_CALL_MS);
      await Promise.all([end(production), end(reference)]);
      const prod = await recordingOf(production);
      const ref = await recordingOf(reference);
      q.kbit.push((prod.webm.length * 8) / prod.seconds / 1000);
      q.refKbit.push((ref.webm.length * 8) / ref.seconds / 1000);
      const [agent, customer] = channelStoi(decodeChannels(ref.webm, 2), decodeChannels(prod.webm, 2));
      q.agent.push(agent);
      q.customer.push(customer);
    }
    report('recording.kbit_per_s', median(q.kbit), 'kbit/s', spread(q.kbit));
    report('recording.bytes_per_min', (median(q.kbit) * 1000 * 60) / 8, 'bytes');
    report('recording.reference_kbit_per_s', median(q.refKbit), 'kbit/s (same call at 128 kbit/s)', spread(q.refKbit));
    report('recording.kbit_per_s_ratio', median(q.kbit) / median(q.refKbit), 'production / 128 kbit/s reference');
    report('recording.customer_stoi_vs_128k', median(q.customer), 'STOI', spread(q.customer));
    report('recording.agent_stoi_vs_128k', median(q.agent), 'STOI', spread(q.agent));

    // --- Five calls in a row through the same recorder, as on a desk (one CallRecorder per desk):
    // every recording must be whole from its first chunk. The first call is the baseline.
    const consecutive = await page.evaluate((ms) => (window as unknown as BenchWindow).__bench.consecutive(5, ms), CONSECUTIVE_CALL_MS);
    const gapMs = consecutive.map((id) => {
      const m = findManifests(host.dataDir).find((x) => x.sessionId === id);
      if (!m) throw new Error(`recording ${id} was not finalised`);
      return m.gaps.reduce((sum, g) => sum + ((g.endedAt ?? m.finalisedAt) - g.startedAt), 0);
    });
    report('recording.gap_ms_first_call', gapMs[0]!, 'ms');
    report(
      'recording.gap_ms_consecutive',
      gapMs.reduce((a, b) => a + b, 0),
      'ms',
    );
    report('recording.gap_count_consecutive', consecutive.filter((_, i) => gapMs[i]! > 0).length, 'recordings with a gap of 5');
  } catch (err) {
    process.stderr.write(`${log.slice(-20).join('\n')}\n`);
    throw err;
  } finally {
    await browser.close();
    await host.stop();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The WAV resampled through 8 kHz and band-passed 300–3400 Hz: speech as a phone gateway hands it over. */
function telephoneBand(wav: string): string {
  const out = wav.replace(/\.wav$/, '-telephone.wav');
  execFileSync('sox', [wav, out, 'sinc', '300-3400', 'rate', '8000', 'rate', '48000']);
  return out;
}

/**
 * STOI of the agent (left) and customer (right) channels of `production` against `reference`,
 * each channel aligned block by block (bench/lib/align.ts); the reference loses its first and last
 * half second (recorder start and stop) so that every block finds its match.
 */
function channelStoi(reference: Float32Array[], production: Float32Array[]): [number, number] {
  const trim = DECODE_RATE / 2;
  const score = (c: 0 | 1) => {
    const [ref, prod] = alignBlockwise(reference[c]!.subarray(trim, -trim), production[c]!, DECODE_RATE, 1, DECODE_RATE, DECODE_RATE / 100);
    return stoi(ref, prod, DECODE_RATE);
  };
  return [score(0), score(1)];
}

/** Runs in the page: the live media and a recorder per recording, as the desk makes them. */
async function installBenchRecorders(customerWavB64: string): Promise<void> {
  const w = window as unknown as BenchWindow;
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  const ctx = new AudioContext({ sampleRate: 48000 });
  const bytes = Uint8Array.from(atob(customerWavB64), (c) => c.charCodeAt(0));
  const source = ctx.createBufferSource();
  source.buffer = await ctx.decodeAudioData(bytes.buffer);
  source.loop = true;
  const remote = ctx.createMediaStreamDestination();
  source.connect(remote);
  source.start();
  const audio = new Audio();
  audio.srcObject = remote.stream;
  await audio.play().catch(() => undefined);
  const recorders = new Map<string, BenchRecorder>();
  const desk = new w.HuifangRecorder.CallRecorder({ host: w.huifang.recording, dispatch: () => undefined });
  // Both recordings of one call mix in the page's own context: the same samples reach both
  // encoders, so what differs between them is the bitrate alone. Recorders close their context on
  // stop; this one outlives them.
  const shared = Object.assign(ctx, { close: () => Promise.resolve() });
  const sharedEnv = { ...w.HuifangRecorder.browserRecorderEnvironment, createAudioContext: () => shared };
  const start = async (recorder: BenchRecorder, caseId: string) => {
    const opened = await w.huifang.session.open({ caseId });
    if (!opened.ok) throw new Error(opened.error.message);
    const id = opened.value.sessionId;
    if (!(await recorder.start({ callId: id, sessionId: id, localStream: mic, remoteStream: remote.stream })))
      throw new Error(`recording ${caseId} did not start`);
    return id;
  };
  w.__bench = {
    async begin(caseId, audioBitsPerSecond, sharedContext) {
      const env = sharedContext ? sharedEnv : undefined;
      const recorder = new w.HuifangRecorder.CallRecorder({ host: w.huifang.recording, dispatch: () => undefined, audioBitsPerSecond, env });
      const id = await start(recorder, caseId);
      recorders.set(id, recorder);
      return id;
    },
    async end(sessionId) {
      await recorders.get(sessionId)?.stop();
      recorders.delete(sessionId);
    },
    async consecutive(calls, ms) {
      const ids: string[] = [];
      for (let i = 0; i < calls; i++) {
        ids.push(await start(desk, `BENCH-${i}`));
        await new Promise((r) => setTimeout(r, ms));
        await desk.stop();
      }
      return ids;
    },
  };
}

/** What the bench adds to the page (typed loosely: it is injected code). */
interface BenchWindow {
  huifang: {
    session: { open(req: { caseId: string }): Promise<{ ok: true; value: { sessionId: string } } | { ok: false; error: { message: string } }> };
    recording: unknown;
  };
  HuifangRecorder: {
    CallRecorder: new (o: { host: unknown; dispatch: () => void; audioBitsPerSecond?: number; env?: object }) => BenchRecorder;
    browserRecorderEnvironment: object;
  };
  __bench: {
    begin(caseId: string, audioBitsPerSecond: number | undefined, sharedContext: boolean): Promise<string>;
    end(sessionId: string): Promise<void>;
    consecutive(calls: number, ms: number): Promise<string[]>;
  };
}
interface BenchRecorder {
  start(call: { callId: string; sessionId: string; localStream: MediaStream; remoteStream: MediaStream }): Promise<boolean>;
  stop(): Promise<unknown>;
}
