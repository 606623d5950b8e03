import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkArchiveIntegrity } from './archive/archive-integrity';
import { readKeys } from './archive/archive-keys';
import { ArchiveService } from './archive/archive-service';
import { audit } from './store/audit-repo';
import { verifyAuditChain } from './store/audit-chain';
import { openStore, type StoreConfig } from './store/open-store';

/** What the command line hands the integrity commands. */
export interface IntegrityIo {
  storeConfig(values: { data?: string; 'db-url'?: string }): StoreConfig;
  dataDir(data: string | undefined): string;
  out(obj: unknown): void;
  err(text: string): void;
}

/**
 * `audit verify` and `archive verify` (README "Evidence archive" → Integrity): one JSON line on
 * stdout; exit code 0 intact, 1 broken or failed, 2 when the check could not run.
 */
export async function runIntegrityCommand(cmd: 'audit' | 'archive', args: string[], io: IntegrityIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    io.err(`${cmd} needs verify`);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, 'db-url': { type: 'string' } } });
  let archive: ArchiveService | null = null;
  if (cmd === 'archive') {
    const dir = join(io.dataDir(values.data), 'archive');
    // Never generate keys here: fresh keys would open nothing and stand in for the real ones.
    if (!(await readKeys(join(dir, 'keys')))) {
      io.err(`archive verify: no archive keys in ${join(dir, 'keys')} (restore them from the backup first)`);
      return 2;
    }
    archive = await ArchiveService.open(dir);
  }
  const opened = await openStore(io.storeConfig(values));
  if (!opened.ok) {
    io.err(opened.message);
    return 2;
  }
  const db = opened.store.db;
  try {
    if (archive) {
      const report = await checkArchiveIntegrity(db, archive, { trigger: 'cli', actor: 'cli', log: io.err });
      io.out(report);
      return report?.ok ? 0 : 1;
    }
    const verdict = await verifyAuditChain(db);
    await audit(db, { actor: 'cli', action: 'admin.audit_verified', detail: { ok: verdict.ok, rows: verdict.rows, firstBroken: verdict.firstBroken ?? null } });
    io.out(verdict);
    return verdict.ok ? 0 : 1;
  } finally {
    await opened.store.close();
  }
}
