import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { CENTRE_BUNDLE, nodeArgsFor } from './centre-bundle';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A port nobody listens on right now (the OS picks it from its ephemeral range). */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/**
 * Starts `script` as its users run it — the centre's bundle under plain Node as `npm run center` does,
 * the web host's TypeScript through the tsx loader as `npm run web` does — and resolves with its first
 * `{"event":"listening",…}` stdout line.
 */
function spawnListening(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; ready: Record<string, unknown> }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, nodeArgsFor(join(ROOT, script)).concat(args), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let errText = '';
    let done = false;
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (done) return;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line === undefined) return;
      done = true;
      res({ child, ready: JSON.parse(line) as Record<string, unknown> });
    });
    // Drained so a chatty child never blocks on a full pipe; kept for the error message.
    child.stderr?.on('data', (d: Buffer) => (errText = (errText + d.toString()).slice(-4000)));
    child.once('exit', (code, signal) => {
      if (!done) rej(new Error(`${script} exited (${code ?? signal}) before listening: ${out}${errText}`));
    });
  });
}

/** A real centre process (`serve`, bundled as `npm run center` runs it) on `port` over the data directory `dir`. */
export async function spawnCentre(dir: string, port: number): Promise<ChildProcess> {
  // Each restarted desk host signs in with the password again, far faster than people do: the
  // guessing limit (center/README.md "HTTP layer") is raised so it does not stand in for a fault.
  const args = ['serve', '--data', dir, '--port', String(port), '--sign-in-per-minute', '1000'];
  return (await spawnListening(CENTRE_BUNDLE, args)).child;
}

/** A running workstation host: the process, and what a browser tab needs to reach its IPC socket. */
export interface DeskHost {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly token: string;
}

/**
 * The workstation host exactly as `npm run web` runs it (main/web/cli.ts → createMainServices:
 * the centre link, recording, sessions and archive services of production), over `dataDir`,
 * pointed at `centreUrl` by `HUIFANG_CENTER_URL` like a development desk.
 */
export async function spawnDeskHost(dataDir: string, centreUrl: string): Promise<DeskHost> {
  const { child, ready } = await spawnListening('main/web/cli.ts', ['--port', '0', '--data', dataDir], { HUIFANG_CENTER_URL: centreUrl });
  const url = new URL(String(ready.url));
  const token = url.searchParams.get('token');
  if (!token) throw new Error(`the web host printed no launch token: ${String(ready.url)}`);
  return { child, origin: String(ready.origin), token };
}

/** Sends `signal` and waits until the process is gone. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
