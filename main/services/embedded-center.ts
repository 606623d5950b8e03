import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** How to run a plain-Node script beside the host. */
export interface NodeRuntime {
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Options of the embedded centre. */
export interface EmbeddedCenterOptions {
  /** Repository root (holds center/cli.ts and node_modules/tsx). */
  readonly projectRoot: string;
  /** The centre's data directory (SQLite file, demo data). */
  readonly dataDir: string;
  /** Runtimes to try in order; the first that spawns is used (see `nodeRuntimes`). */
  readonly runtimes?: readonly NodeRuntime[];
  readonly startTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /** Injected for tests. */
  readonly spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
}

/**
 * Runtimes able to run the centre. The centre uses better-sqlite3, which is compiled for the
 * system Node's ABI and cannot be rebuilt for Electron's here (INFRA.md), so a plain `node` comes
 * first: `HUIFANG_NODE` if set, else `node` on PATH. Inside Electron, the Electron binary with
 * `ELECTRON_RUN_AS_NODE=1` is the fall-back; it only works where better-sqlite3 was built for
 * Electron's ABI. In plain Node (the web host) `process.execPath` is that Node.
 */
export function nodeRuntimes(env: NodeJS.ProcessEnv = process.env, versions: NodeJS.ProcessVersions = process.versions): NodeRuntime[] {
  if (!versions.electron) return [{ command: process.execPath, env: {} }];
  const list: NodeRuntime[] = [];
  if (env.HUIFANG_NODE) list.push({ command: env.HUIFANG_NODE, env: {} });
  list.push({ command: 'node', env: {} });
  list.push({ command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
  return list;
}

/**
 * The embedded case centre: when no centre URL is configured, the host
 * runs `center/cli.ts serve --data <dir> --demo --port 0` as a child process (through the tsx
 * loader), reads its `{"event":"listening","url":…}` stdout line, and stops it with the host.
 * `url()` starts it on first use and restarts it if it died.
 */
export class EmbeddedCenter {
  private child: ChildProcess | null = null;
  private starting: Promise<string> | null = null;
  private stopped = false;

  constructor(private readonly options: EmbeddedCenterOptions) {}

  /** The running centre's base URL; starts the centre when needed. Rejects with a readable message. */
  url(): Promise<string> {
    if (this.stopped) return Promise.reject(new Error('内置案件中心已停止'));
    if (!this.starting) {
      this.starting = this.startWithFallbacks();
      this.starting.catch(() => (this.starting = null));
    }
    return this.starting;
  }

  /** Stops the child (SIGTERM, then SIGKILL after 5 s). */
  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') child.kill('SIGKILL');
  }

  private async startWithFallbacks(): Promise<string> {
    const runtimes = this.options.runtimes ?? nodeRuntimes();
    let lastError: Error = new Error('没有可用的 Node 运行时');
    for (const runtime of runtimes) {
      try {
        return await this.startOnce(runtime);
      } catch (err) {
        lastError = err instanceof Error ? err : new Error(String(err));
        if (!(err instanceof SpawnFailed)) break;
      }
    }
    throw lastError;
  }

  private startOnce(runtime: NodeRuntime): Promise<string> {
    const { projectRoot, dataDir } = this.options;
    const spawn = this.options.spawn ?? nodeSpawn;
    const args = ['--import', 'tsx', path.join(projectRoot, 'center/cli.ts'), 'serve', '--data', dataDir, '--demo', '--port', '0'];
    const log = this.options.log ?? (() => undefined);
    const tail: string[] = [];
    return new Promise<string>((resolve, reject) => {
      const child = spawn(runtime.command, args, {
        cwd: projectRoot,
        // The centre exits when its stdin closes, so it never outlives a crashed host.
        env: { ...process.env, ...runtime.env, HUIFANG_CENTER_EXIT_WITH_PARENT: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new Error(`内置案件中心未能在 ${(this.options.startTimeoutMs ?? 30_000) / 1000} 秒内启动: ${tail.join(' | ')}`)),
        this.options.startTimeoutMs ?? 30_000,
      );
      child.once('error', (err) => fail(new SpawnFailed(`无法启动 ${runtime.command}: ${err.message}`)));
      child.stderr?.on('data', (d: Buffer) => {
        const text = d.toString().trimEnd();
        tail.push(text);
        if (tail.length > 5) tail.shift();
        log(`[center:stderr] ${text}`);
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) {
          this.child = null;
          this.starting = null;
        }
        log(`[center] exited code=${code} signal=${signal}`);
        fail(new Error(`内置案件中心已退出 (code ${code}): ${tail.join(' | ')}`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        log(`[center:stdout] ${line}`);
        const url = listeningUrl(line);
        if (url === null || settled) return;
        settled = true;
        clearTimeout(timer);
        this.child = child;
        if (this.stopped) void this.stop();
        resolve(url);
      });
    });
  }
}

/** The spawn itself failed (command not found): try the next runtime. */
class SpawnFailed extends Error {}

/** Parses the centre's `{"event":"listening","url":…}` control line. */
export function listeningUrl(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { event?: unknown; url?: unknown };
    return parsed.event === 'listening' && typeof parsed.url === 'string' ? parsed.url : null;
  } catch {
    return null;
  }
}
