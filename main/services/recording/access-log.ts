import { createHash } from 'node:crypto';
import type { AccessIdentity } from './access-policy';
import type { RecordingFs } from './recording-fs';

/** One line of the access log. */
export interface AccessLogEntry {
  readonly at: string;
  readonly who: string | null;
  readonly role: string | null;
  readonly action: string;
  readonly sessionId: string;
  readonly allowed: boolean;
  readonly detail: string | null;
  readonly caller: string;
}

/** The log line of one decision about `sessionId` taken at `now` for `caller` (a window, or the main process itself). */
export function accessEntry(
  now: number,
  action: string,
  sessionId: string,
  caller: { readonly host: string; readonly callerId: string | number },
  decision: { readonly allowed: boolean; readonly identity: AccessIdentity | null },
  detail: string | null,
): AccessLogEntry {
  const who = decision.identity;
  return {
    at: new Date(now).toISOString(),
    who: who?.userId ?? null,
    role: who?.role ?? null,
    action,
    sessionId,
    allowed: decision.allowed,
    detail,
    caller: `${caller.host}/${caller.callerId}`,
  };
}

/**
 * Append-only access log (JSON lines). Each line carries the SHA-256 of the previous line, so
 * removing or editing a line breaks the chain (个人信息保护法 第55–56条; docs/domain.md §9: every
 * access is logged).
 */
export class AccessLog {
  private lastHash: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly fs: RecordingFs,
  ) {}

  /** Appends an entry; resolves when it is on disk. */
  append(entry: AccessLogEntry): Promise<void> {
    const run = async () => {
      if (this.lastHash === null) this.lastHash = await this.tailHash();
      const line = JSON.stringify({ ...entry, prev: this.lastHash });
      await this.fs.appendLine(this.file, line);
      this.lastHash = sha256(line);
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Every entry, oldest first; throws when the hash chain is broken. */
  async read(): Promise<AccessLogEntry[]> {
    if (!(await this.fs.exists(this.file))) return [];
    const lines = (await this.fs.readFile(this.file)).toString('utf8').split('\n').filter(Boolean);
    let prev = 'genesis';
    return lines.map((line, i) => {
      const parsed = JSON.parse(line) as AccessLogEntry & { prev: string };
      if (parsed.prev !== prev) throw new Error(`访问日志第 ${i + 1} 行校验链断裂 (access log chain broken)`);
      prev = sha256(line);
      const { prev: _prev, ...entry } = parsed;
      return entry;
    });
  }

  private async tailHash(): Promise<string> {
    if (!(await this.fs.exists(this.file))) return 'genesis';
    const lines = (await this.fs.readFile(this.file)).toString('utf8').split('\n').filter(Boolean);
    const last = lines.at(-1);
    return last ? sha256(last) : 'genesis';
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
