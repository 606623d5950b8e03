import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startListeningProcess } from './listening-process';

export interface WebHostProcess {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly log: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the real web host (`main/web/cli.ts`) as a child process and waits for its URL. */
export async function startWebHostProcess(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'huifang-e2e-'));
  const p = await startListeningProcess('host', 'main/web/cli.ts', ['--port', '0', '--data', dataDir], options.env);
  return { url: p.url, origin: String(p.line.origin), dataDir, child: p.child, log: p.log, stop: p.stop };
}
