import { openStore, type StoreConfig } from '../store/open-store';
import { purgeArchive } from './archive-purge';
import { FsBlobStore } from './blob-store';

/**
 * `center archive purge [--dry-run]` (README "Evidence archive" → Retention): one run of the
 * retention purge against a store and the archive directory beside it, the summary as one JSON
 * line. Exit 1 when the store cannot be opened or a recording could not be removed.
 */
export async function runPurgeCommand(o: {
  readonly store: StoreConfig;
  readonly archiveDir: string;
  readonly today: string;
  readonly dryRun: boolean;
  readonly actor: string;
  readonly out: (obj: unknown) => void;
  readonly err: (text: string) => void;
}): Promise<number> {
  const opened = await openStore(o.store);
  if (!opened.ok) {
    o.err(opened.message);
    return 1;
  }
  try {
    const summary = await purgeArchive(opened.store.db, new FsBlobStore(o.archiveDir), { today: o.today, dryRun: o.dryRun, actor: o.actor });
    for (const b of summary.blobErrors) o.err(`archive purge: recording ${b.key} not removed: ${b.message}`);
    o.out(summary);
    return summary.blobErrors.length > 0 ? 1 : 0;
  } finally {
    await opened.store.close();
  }
}
