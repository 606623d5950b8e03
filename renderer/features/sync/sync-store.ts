import { create } from 'zustand';
import type { CenterLinkState } from '../../../shared/ipc/channels/center';

/** One outbox entry the centre refused, as the agent sees it (no personal data). */
export interface RejectedEntry {
  readonly id: string;
  readonly kind: string;
  readonly policyNo: string | null;
  readonly reason: string;
  readonly at: string;
}

/** What the agent sees of synchronisation: link phase, results waiting, last run. */
export interface SyncSnapshot {
  readonly link: CenterLinkState['phase'];
  readonly embedded: boolean;
  readonly lastError: string | null;
  /** Results and other pushed facts in the outbox still waiting for the centre. */
  readonly pending: number;
  /** Outbox entries of the signed-in agent the centre refused (shown; never re-sent). */
  readonly rejected: number;
  /** The newest of them (at most 50), with the centre's reason. */
  readonly rejectedList: readonly RejectedEntry[];
  readonly lastSyncAt: string | null;
  readonly running: boolean;
  /** Closed call sessions in the outbox (and their recordings' bytes) not yet in the centre's archive. */
  readonly archiveWaiting: number;
  readonly archiveWaitingBytes: number;
}

interface SyncStore extends SyncSnapshot {
  patch(p: Partial<SyncSnapshot>): void;
  reset(): void;
}

const initial: SyncSnapshot = {
  link: 'signed_out',
  embedded: false,
  lastError: null,
  pending: 0,
  rejected: 0,
  rejectedList: [],
  lastSyncAt: null,
  running: false,
  archiveWaiting: 0,
  archiveWaitingBytes: 0,
};

/** Zustand slice of the sync feature. */
export const useSyncStore = create<SyncStore>((set) => ({
  ...initial,
  patch: (p) => set(p),
  reset: () => set(initial),
}));
