import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CentreAddress, MachineFileProblem } from '../../../shared/ipc/channels/center-address';
import { centreUrlShape } from './centre-url';

/**
 * Where IT deploys the machine-wide config file (README "The case centre address").
 * `HUIFANG_MACHINE_CONFIG` replaces the path for tests only: a test cannot write to /etc.
 */
export function machineConfigPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.HUIFANG_MACHINE_CONFIG) return env.HUIFANG_MACHINE_CONFIG;
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Huifang', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/Huifang/config.json';
  return '/etc/huifang/config.json';
}

/** The machine-wide file: `{ "centerUrl": "https://…" }`; other keys are ignored, so later settings do not break this desk. */
const machineFileSchema = z.object({ centerUrl: z.string() });

/** What the machine-wide file says. */
export type MachineConfig = { kind: 'absent' } | { kind: 'ok'; url: string } | { kind: 'error'; problem: MachineFileProblem; detail: string };

/** Reads the machine-wide file; never throws (a broken file is reported, not a crash). */
export async function readMachineConfig(file: string): Promise<MachineConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'error', problem: 'unreadable', detail: code ?? String(err) };
  }
  let json: unknown;
  try {
    // Notepad and PowerShell write UTF-8 with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { kind: 'error', problem: 'not_json', detail: (err as Error).message };
  }
  const parsed = machineFileSchema.safeParse(json);
  if (!parsed.success) return { kind: 'error', problem: 'bad_shape', detail: 'centerUrl' };
  const shape = centreUrlShape(parsed.data.centerUrl);
  if (!shape.ok) return { kind: 'error', problem: shape.problem === 'not_a_url' ? 'bad_url' : 'plain_http_remote', detail: shape.detail };
  return { kind: 'ok', url: shape.url };
}

const keptFileSchema = z.object({ centerUrl: z.string(), keptAt: z.string() });

/** The address entered and checked at this desk, kept in its data dir. */
export class KeptAddress {
  constructor(private readonly file: string) {}

  /** The kept address, or null (none, or a file that no longer reads as one). */
  async read(): Promise<string | null> {
    try {
      const parsed = keptFileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (!parsed.success) return null;
      const shape = centreUrlShape(parsed.data.centerUrl);
      return shape.ok ? shape.url : null;
    } catch {
      return null;
    }
  }

  async keep(url: string, now = new Date()): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify({ centerUrl: url, keptAt: now.toISOString() }), { mode: 0o600 });
    await rename(tmp, this.file);
  }
}

/** What the resolution reads. */
export interface AddressInputs {
  /** HUIFANG_CENTER_URL: development only, taken as given. */
  readonly envUrl?: string;
  readonly machineFile: string;
  readonly kept: KeptAddress;
  /** The source tree is present, so the embedded demo centre can run. */
  readonly embeddedAvailable: boolean;
}

/**
 * The centre address in force: HUIFANG_CENTER_URL > the machine-wide file > the kept address >
 * the embedded demo centre > none. A machine-wide file that cannot be used is reported with the
 * answer and skipped, so the desk stays usable while IT mends it.
 */
export async function resolveCentreAddress(inputs: AddressInputs): Promise<CentreAddress> {
  const machine = await readMachineConfig(inputs.machineFile);
  const common = { machineFile: inputs.machineFile, machineFileError: machine.kind === 'error' ? { problem: machine.problem, detail: machine.detail } : null };
  const envUrl = inputs.envUrl?.trim();
  if (envUrl) return { source: 'env', url: envUrl, change: 'fixed', ...common };
  if (machine.kind === 'ok') return { source: 'machine', url: machine.url, change: 'fixed', ...common };
  const kept = await inputs.kept.read();
  if (kept) return { source: 'kept', url: kept, change: 'admin', ...common };
  return { source: inputs.embeddedAvailable ? 'embedded' : 'none', url: null, change: 'open', ...common };
}
