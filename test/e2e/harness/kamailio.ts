import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
/** The project's own proxy configuration (see its header for the test accounts). */
export const KAMAILIO_CFG = path.join(root, 'sip/kamailio/kamailio.cfg');
const KAMAILIO_BIN = process.env.HUIFANG_KAMAILIO ?? '/usr/sbin/kamailio';

/** Accounts provisioned in kamailio.cfg: user → password. */
export const SIP_ACCOUNTS = {
  agent: (user: 1001 | 1002 | 1003 | 1004 | 1005) => ({ user: String(user), password: `agent-${user}` }),
  customer: (user: number) => ({ user: String(user), password: `cust-${user}` }),
  bench: (user: 3001 | 3002) => ({ user: String(user), password: `bench-${user}` }),
} as const;

/**
 * The mainland mobile number a desk dials to reach test customer `user` (kamailio.cfg rewrites
 * 1390000200N to 200N, like a PSTN gateway): a phone correction only takes dialable numbers.
 */
export const customerPhone = (user: string | number): string => `1390000${user}`;

/** SIP domain (realm) used by every test account. */
export const SIP_DOMAIN = '127.0.0.1';

export interface RunningKamailio {
  readonly port: number;
  /** `ws://127.0.0.1:<port>` */
  readonly wsUrl: string;
  readonly log: string[];
  /** SIGTERM to the main process; waits for exit. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group: a crash, not a shutdown. */
  kill(): Promise<void>;
  /** Starts again on the same port (after stop or kill); resolves when the port is open. */
  restart(): Promise<void>;
}

/** Picks a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the project's Kamailio in the foreground on a loopback port
 * (`kamailio -f <cfg> -DD -E -Y <rundir> -P <pidfile> -l tcp:127.0.0.1:<port>`) and waits until
 * the port accepts connections.
 */
export async function startKamailio(options: { port?: number } = {}): Promise<RunningKamailio> {
  if (!existsSync(KAMAILIO_BIN)) throw new Error(`kamailio not found at ${KAMAILIO_BIN}: install kamailio (see .ci/run)`);
  const port = options.port ?? (await freePort());
  const runDir = mkdtempSync(path.join(tmpdir(), 'huifang-kamailio-'));
  const log: string[] = [];
  let child: ChildProcess | null = null;

  const launch = async () => {
    rmSync(path.join(runDir, 'kamailio.pid'), { force: true });
    const proc = spawn(KAMAILIO_BIN, ['-f', KAMAILIO_CFG, '-DD', '-E', '-Y', runDir, '-P', path.join(runDir, 'kamailio.pid'), '-l', `tcp:127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = proc;
    const collect = (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) log.push(`[kamailio] ${line}`);
      if (log.length > 2000) log.splice(0, log.length - 2000);
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`kamailio exited with ${proc.exitCode}:\n${log.join('\n')}`);
      if (await portOpen(port)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`kamailio did not open port ${port} in 10 s:\n${log.join('\n')}`);
  };

  const terminate = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      // Negative pid: the main process and its children (detached → own process group).
      process.kill(-proc.pid!, signal);
    } catch {
      proc.kill(signal);
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // Wait until the port is really free so a restart can bind it.
    for (let i = 0; i < 100 && (await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 20));
  };

  await launch();
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    log,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    restart: async () => {
      await terminate('SIGTERM');
      await launch();
    },
  };
}
