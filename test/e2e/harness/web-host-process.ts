import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface WebHostProcess {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly log: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../../..');

/** Starts the real web host (`main/web/cli.ts`) as a child process and waits for its URL. */
export async function startWebHostProcess(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'huifang-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main/web/cli.ts'), '--port', '0', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (d: Buffer) => log.push(`[host:stderr] ${d.toString().trimEnd()}`));
  const ready = await new Promise<{ url: string; origin: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in 30 s:\n${log.join('\n')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${log.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(`[host:stdout] ${line}`);
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as { event?: string; url: string; origin: string };
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
    ...ready,
    dataDir,
    child,
    log,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
