import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { nodeArgsFor } from '../../center/support/centre-bundle';

/** A child process that announced `{"event":"listening","url":…}` on stdout. */
export interface ListeningProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly log: string[];
  /** Other fields of the listening line (e.g. `origin`, `engine`). */
  readonly line: Record<string, unknown>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Runs an entry of this repository as its users run it (a bundle under plain Node, TypeScript under
 * tsx: `nodeArgsFor`) and waits for its JSON "listening" line; `name` prefixes its log lines.
 */
export async function startListeningProcess(
  name: string,
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ListeningProcess> {
  const child = spawn(process.execPath, nodeArgsFor(path.join(PROJECT_ROOT, script)).concat(args), {
    cwd: PROJECT_ROOT,
    // Demo centres (started here or by a web host) dial at any hour: the suite runs day and night,
    // and the calling hours are pinned by unit, component and centre tests. A test may pass its own.
    env: { HUIFANG_DEMO_CALLING_HOURS: '00:00-24:00', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (d: Buffer) => log.push(`[${name}:stderr] ${d.toString().trimEnd()}`));
  const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s:\n${log.join('\n')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${log.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (text) => {
      log.push(`[${name}:stdout] ${text}`);
      if (!text.startsWith('{')) return;
      try {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        if (parsed.event === 'listening') {
          clearTimeout(timer);
          resolve(parsed);
        }
      } catch {
        /* not a control line */
      }
    });
  });
  return {
    url: String(line.url),
    child,
    log,
    line,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
