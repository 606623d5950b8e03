import { create } from 'zustand';
import type { ExportRow } from '../../../shared/sync';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';

/**
 * Recording exports at the desk (README "Recording exports"; docs/domain.md §9): the signed-in
 * person's requests, and for a department head the pending ones. Serialisable: rows and notes only.
 * Every step goes to main (`export:*`), which asks the centre; the download too.
 */
interface ExportState {
  readonly mine: readonly ExportRow[] | null;
  readonly pending: readonly ExportRow[] | null;
  /** The last outcome in words (saved, refused, offline…), shown in a live region. */
  readonly note: string | null;
  /** Whether the note reports a failure (shown as an alert). */
  readonly failed: boolean;
  readonly busy: boolean;
  /** Why a list could not be read (offline, refused); shown beside the list, not as an alert. */
  readonly listNote: string | null;
  loadMine(): Promise<void>;
  loadPending(): Promise<void>;
  /** True when the centre took the request. */
  request(sessionId: string, reason: string): Promise<boolean>;
  decide(exportId: string, decision: 'approve' | 'refuse', comment: string): Promise<boolean>;
  download(exportId: string): Promise<void>;
  reset(): void;
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
type Kinded = { kind: 'offline'; message: string } | { kind: 'refused'; message: string };

/** A failure of the call or of the centre, in words; null when it went through. */
function problem(r: Answer<{ kind: string } | Kinded>): string | null {
  if (!r.ok) return messages.export.refused(r.error.message);
  const v = r.value as Kinded | { kind: string };
  if (v.kind === 'offline') return messages.export.offline((v as Kinded).message);
  if (v.kind === 'refused') return messages.export.refused((v as Kinded).message);
  return null;
}

const initial = { mine: null, pending: null, note: null, failed: false, busy: false, listNote: null };

/** Zustand slice of recording exports. */
export const useExportStore = create<ExportState>((set, get) => ({
  ...initial,
  async loadMine() {
    const r = await huifang().export.mine({});
    const why = problem(r);
    if (why) return set({ listNote: why, mine: get().mine ?? [] });
    if (r.ok && r.value.kind === 'ok') set({ mine: r.value.items, listNote: null });
  },
  async loadPending() {
    const r = await huifang().export.pending({});
    const why = problem(r);
    if (why) return set({ listNote: why, pending: get().pending ?? [] });
    if (r.ok && r.value.kind === 'ok') set({ pending: r.value.items, listNote: null });
  },
  async request(sessionId, reason) {
    set({ busy: true });
    const r = await huifang().export.request({ sessionId, reason });
    set({ busy: false });
    const why = problem(r);
    if (why) {
      set({ note: why, failed: true });
      return false;
    }
    if (r.ok && r.value.kind === 'ok') set({ note: messages.export.submitted(r.value.row.id), failed: false });
    await get().loadMine();
    return true;
  },
  async decide(exportId, decision, comment) {
    set({ busy: true });
    const r = await huifang().export.decide({ exportId, decision, comment });
    set({ busy: false });
    const why = problem(r);
    if (why) {
      set({ note: why, failed: true });
      return false;
    }
    set({ note: messages.export.decided(exportId, decision === 'approve'), failed: false });
    await get().loadPending();
    return true;
  },
  async download(exportId) {
    set({ busy: true });
    const r = await huifang().export.download({ exportId });
    set({ busy: false });
    const why = problem(r);
    if (why || !r.ok) {
      set({ note: why, failed: true });
    } else if (r.value.kind === 'saved') {
      set({ note: messages.export.saved(r.value.path), failed: false });
    } else if (r.value.kind === 'cancelled') {
      set({ note: messages.export.cancelled, failed: false });
    } else if (r.value.kind === 'offer') {
      offerDownload(r.value.fileName, r.value.base64);
      set({ note: messages.export.offered(r.value.fileName), failed: false });
    }
    await get().loadMine();
  },
  reset: () => set(initial),
}));

/** The web host's way out: the browser saves the bytes main handed over (its own download prompt). */
function offerDownload(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'audio/webm' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
