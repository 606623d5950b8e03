import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { decryptFromDisk, findManifests, probeFile } from '../test/main/services/recording/audio-analysis';
import { launchChromium, openLoggedPage } from '../test/e2e/harness/chromium';
import { AGENT_SPEECH, CUSTOMER_SPEECH, makeSpeechWav } from '../test/e2e/harness/customer-ua';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';

const root = path.resolve(import.meta.dirname, '..');
const PHASE_MS = 20_000;
/** Length of each of the five consecutive calls. */
const CONSECUTIVE_CALL_MS = 3000;
const CLK_TCK = 100; // Linux USER_HZ

/**
 * Recording figures from a real recording in Debian Chromium through the web host:
 * - `recording.kbit_per_s`, `recording.bytes_per_min`: size of the finalised stereo WebM/Opus
 *   (default 48 kbit/s setting) over its duration; goal ≤ 0.5 MB per stereo minute.
 * - `recording.cpu_percent`: CPU of the recording path in percent of one core — (Chromium process
 *   tree + web host process) CPU while the real CallRecorder runs, minus the same page with the
 *   same two live streams (fake mic + customer speech played on an <audio> element) not recording.
 *   `recording.cpu_host_percent` is the main-process share (decode, AES-GCM, append + fsync).
 * - `recording.gap_ms_consecutive`: total recording gap over 5 consecutive calls through the desk's
 *   one recorder (goal 0), beside `recording.gap_ms_first_call`, the first of them.
 * The recorder module is bundled with esbuild and injected into the app page, which supplies the
 * real `window.huifang` over the web host's WebSocket.
 */
export default async function run(report: (name: string, value: number, unit: string) => void): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-rec-bench-'));
  const agentWav = makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent');
  const customerWav = makeSpeechWav(dir, CUSTOMER_SPEECH, 20, 'customer');
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
    const customerB64 = readFileSync(customerWav).toString('base64');
    // Same live media in both phases: fake mic + customer speech on an <audio> element.
    await page.evaluate(async (wavB64) => {
      const w = window as unknown as Record<string, unknown>;
      const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      const ctx = new AudioContext({ sampleRate: 48000 });
      const bytes = Uint8Array.from(atob(wavB64), (c) => c.charCodeAt(0));
      const buffer = await ctx.decodeAudioData(bytes.buffer);
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.loop = true;
      const dest = ctx.createMediaStreamDestination();
      source.connect(dest);
      source.start();
      const audio = new Audio();
      audio.srcObject = dest.stream;
      await audio.play().catch(() => undefined);
      w.__bench = { mic, remote: dest.stream, ctx, audio };
    }, customerB64);

    const hostPid = host.child.pid;
    if (!hostPid) throw new Error('no host process id to measure');
    // Chromium is a child of this process, as is the host: browser = our descendants − host subtree.
    const cpuOf = () => {
      const hostTicks = treeTicks(hostPid);
      return { browser: treeTicks(process.pid) - ownTicks(process.pid) - hostTicks, host: hostTicks, at: performance.now() };
    };

    const a0 = cpuOf();
    await new Promise((r) => setTimeout(r, PHASE_MS));
    const a1 = cpuOf();
    const sessionId = await page.evaluate(async () => {
      const w = window as unknown as BenchWindow;
      const opened = await w.huifang.session.open({ caseId: 'BENCH' });
      if (!opened.ok) throw new Error(opened.error.message);
      const states: unknown[] = [];
      const recorder = new w.HuifangRecorder.CallRecorder({ host: w.huifang.recording, dispatch: (a: unknown) => states.push(a) });
      const ok = await recorder.start({ callId: 'bench', sessionId: opened.value.sessionId, localStream: w.__bench.mic, remoteStream: w.__bench.remote });
      if (!ok) throw new Error(JSON.stringify(states));
      w.__bench.recorder = recorder;
      return opened.value.sessionId as string;
    });
    const b0 = cpuOf();
    await new Promise((r) => setTimeout(r, PHASE_MS));
    const b1 = cpuOf();
    await page.evaluate(() => (window as unknown as BenchWindow).__bench.recorder!.stop());

    const manifest = findManifests(host.dataDir).find((m) => m.sessionId === sessionId);
    if (!manifest) throw new Error('recording was not finalised');
    const webm = await decryptFromDisk(host.dataDir, manifest);
    const seconds = probeFile(webm).duration ?? manifest.durationMs / 1000;
    report('recording.kbit_per_s', (webm.length * 8) / seconds / 1000, 'kbit/s');
    report('recording.bytes_per_min', (webm.length / seconds) * 60, 'bytes');
    const pct = (t0: { browser: number; host: number; at: number }, t1: typeof t0, key: 'browser' | 'host') =>
      ((t1[key] - t0[key]) / CLK_TCK / ((t1.at - t0.at) / 1000)) * 100;
    const idleBrowser = pct(a0, a1, 'browser');
    const idleHost = pct(a0, a1, 'host');
    const recBrowser = pct(b0, b1, 'browser');
    const recHost = pct(b0, b1, 'host');
    report('recording.cpu_percent', recBrowser + recHost - (idleBrowser + idleHost), '% of one core');
    report('recording.cpu_host_percent', recHost - idleHost, '% of one core');
    report('recording.cpu_browser_percent', recBrowser - idleBrowser, '% of one core');

    // Five calls in a row through the same recorder, as on a desk (one CallRecorder per desk):
    // every recording must be whole from its first chunk. The first call is the baseline.
    const consecutive: string[] = await page.evaluate(async (ms) => {
      const w = window as unknown as BenchWindow;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const opened = await w.huifang.session.open({ caseId: `BENCH-${i}` });
        if (!opened.ok) throw new Error(opened.error.message);
        await w.__bench.recorder!.start({
          callId: `bench-${i}`,
          sessionId: opened.value.sessionId,
          localStream: w.__bench.mic,
          remoteStream: w.__bench.remote,
        });
        await new Promise((r) => setTimeout(r, ms));
        await w.__bench.recorder!.stop();
        ids.push(opened.value.sessionId);
      }
      return ids;
    }, CONSECUTIVE_CALL_MS);
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
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** What the bench adds to the page (typed loosely: it is injected code). */
interface BenchWindow {
  huifang: {
    session: { open(req: { caseId: string }): Promise<{ ok: true; value: { sessionId: string } } | { ok: false; error: { message: string } }> };
    recording: unknown;
  };
  HuifangRecorder: { CallRecorder: new (o: unknown) => BenchRecorder };
  __bench: { mic: MediaStream; remote: MediaStream; recorder?: BenchRecorder };
}
interface BenchRecorder {
  start(call: unknown): Promise<boolean>;
  stop(): Promise<unknown>;
}

function ownTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** utime + stime (clock ticks) of `pid` and all its descendants, from /proc. */
function treeTicks(pid: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      /* process ended */
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.pop()!;
    total += ticks.get(p) ?? 0;
    for (const [child, parent] of parents) if (parent === p) queue.push(child);
  }
  return total;
}
