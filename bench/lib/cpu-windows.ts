import { readFileSync, readdirSync } from 'node:fs';
import { median, spread } from './stats';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;

/** Nanoseconds on CPU of every live thread, keyed `pid/tid` (/proc/<pid>/task/<tid>/schedstat, first field). */
type ThreadTimes = Map<string, number>;

/** Every process id with its parent, from /proc. */
function parentsOf(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* process ended */
    }
  }
  return parents;
}

/** `root` and all its descendants, leaving out the subtrees of `skip`. */
function treeOf(root: number, parents: Map<number, number>, skip: readonly number[]): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.pop()!;
    if (skip.includes(p)) continue;
    out.push(p);
    for (const [child, parent] of parents) if (parent === p) queue.push(child);
  }
  return out;
}

function threadTimes(pids: readonly number[]): ThreadTimes {
  const times: ThreadTimes = new Map();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // process ended
    }
    for (const tid of tids) {
      try {
        times.set(`${pid}/${tid}`, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
      } catch {
        /* thread ended */
      }
    }
  }
  return times;
}

/**
 * CPU of a window in percent of one core: the sum over threads alive at its end of what each ran
 * since its start (0 for a thread born inside it). A thread's counter only grows, so no term is
 * negative — unlike a difference of process totals, where a thread that exits (its time leaving
 * the sum) or a 10 ms tick landing on the other side of a boundary can make a window look negative.
 * Nanosecond counters, where /proc/<pid>/stat counts 10 ms ticks (2 % of a core in a 5 s window).
 */
function windowPercent(t0: ThreadTimes, t1: ThreadTimes, ms: number): number {
  let ns = 0;
  for (const [key, end] of t1) ns += Math.max(0, end - (t0.get(key) ?? 0));
  return (ns / 1e6 / ms) * 100;
}

interface CpuWindowsOptions {
  /** The workstation host (main process) to measure on its own; every other descendant of this process is the browser. */
  readonly hostPid: number;
  readonly rounds: number;
  readonly windowMs: number;
  /** Waited before each window: a recording reaches its steady state, a finalisation ends. */
  readonly settleMs: number;
  /** Starts a recording; returns what `end` needs to stop it. */
  readonly begin: (round: number) => Promise<string>;
  readonly end: (id: string) => Promise<unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Recording CPU, host and browser, in windows of equal length alternated between idle (same page,
 * same live streams, not recording) and recording: `rounds` of each. Each figure is the CPU used
 * *while recording* — a measured amount, never negative — with the idle windows measured alike
 * beside it as its baseline and `…_ratio` = recording / idle (1 = recording costs nothing visible
 * above what the open page costs); medians with min/max over the rounds.
 */
export async function recordingCpu(report: Report, o: CpuWindowsOptions): Promise<void> {
  const sample = () => {
    const parents = parentsOf();
    return {
      host: threadTimes(treeOf(o.hostPid, parents, [])),
      browser: threadTimes(treeOf(process.pid, parents, [o.hostPid]).filter((p) => p !== process.pid)),
      at: performance.now(),
    };
  };
  const measureWindow = async () => {
    const t0 = sample();
    await sleep(o.windowMs);
    const t1 = sample();
    const ms = t1.at - t0.at;
    return { host: windowPercent(t0.host, t1.host, ms), browser: windowPercent(t0.browser, t1.browser, ms) };
  };
  const idle = { host: [] as number[], browser: [] as number[] };
  const rec = { host: [] as number[], browser: [] as number[] };
  for (let r = 0; r < o.rounds; r++) {
    await sleep(o.settleMs);
    const i = await measureWindow();
    const id = await o.begin(r);
    await sleep(o.settleMs);
    const w = await measureWindow();
    await o.end(id);
    idle.host.push(i.host);
    idle.browser.push(i.browser);
    rec.host.push(w.host);
    rec.browser.push(w.browser);
  }
  const sum = (s: { host: number[]; browser: number[] }) => s.host.map((h, k) => h + s.browser[k]!);
  const figure = (name: string, recording: number[], baseline: number[], what: string) => {
    report(`recording.${name}_percent`, median(recording), `% of one core (${what}, while recording)`, spread(recording));
    report(`recording.${name}_idle_percent`, median(baseline), `% of one core (${what}, same page and streams, not recording)`, spread(baseline));
    report(`recording.${name}_ratio`, median(recording) / median(baseline), 'recording / idle', spread(recording.map((v, k) => v / baseline[k]!)));
  };
  figure('cpu', sum(rec), sum(idle), 'host + browser');
  figure('cpu_host', rec.host, idle.host, 'workstation host: decode, AES-GCM, append + fsync');
  figure('cpu_browser', rec.browser, idle.browser, 'Chromium');
}
