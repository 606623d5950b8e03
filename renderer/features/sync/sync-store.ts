import { create } from 'zustand';
import type { CenterLinkState } from '../../../shared/ipc/channels/center';

/** What the agent sees of synchronisation: link phase, results waiting, last run. */
export interface SyncSnapshot {
  readonly link: CenterLinkState['phase'];
  readonly embedded: boolean;
  readonly lastError: string | null;
  /** Outbox entries still waiting for the centre. */
  readonly pending: number;
  /** Outbox entries the centre refused (shown; never re-sent). */
  readonly rejected: number;
  readonly lastSyncAt: string | null;
  readonly running: boolean;
}

interface SyncStore extends SyncSnapshot {
  patch(p: Partial<SyncSnapshot>): void;
  reset(): void;
}

const initial: SyncSnapshot = { link: 'signed_out', embedded: false, lastError: null, pending: 0, rejected: 0, lastSyncAt: null, running: false };

/** Zustand slice of the sync feature. */
export const useSyncStore = create<SyncStore>((set) => ({
  ...initial,
  patch: (p) => set(p),
  reset: () => set(initial),
}));
