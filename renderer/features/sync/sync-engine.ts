import { huifang } from '../../ipc/huifang';
import type { HuifangDb } from '../../data/huifang-db';
import { applyPullPage, dropCasesNotIn } from '../../data/case-repo';
import { storePulledCallbacks } from '../../data/pulled-callbacks';
import { storePulledCorrections } from '../../data/correct-phone';
import { adoptUnarchivedSessions, applyArchiveOutcome, isArchiveEntry, type ArchiveEntryFate } from '../../data/archive-outbox';
import type { OutboxEntry } from '../../data/records';
import type { PushItem } from '../../../shared/sync';
import { applyAcks, noteOutboxFailure, outboxStatus, pendingOutbox, setAsideMalformed, setAsideRefused } from '../../data/outbox-repo';
import { readSetting, writeSetting } from '../../data/settings-repo';
import { useSyncStore } from './sync-store';
import { messages } from '../../i18n/messages';

/** Items per push request (the protocol allows 200). */
const PUSH_BATCH = 100;
/** Pages per pull run, so one run cannot spin forever. */
const MAX_PULL_PAGES = 1000;

/** Result of one sync run. */
export type SyncRunResult = { kind: 'done'; pushed: number; pulled: number } | { kind: 'offline'; message: string } | { kind: 'refused'; message: string };

/**
 * Moves data between the cache and the centre: first the outbox (oldest first, re-sent with the
 * same client ids until acknowledged: exactly-once delivery rests on the centre storing each id
 * once) — results through `sync/push`, closed sessions through main's archive upload, in the order
 * they were written — then the queue by cursor. Runs are serialised; a run requested during a run is coalesced
 * into one more run after it.
 */
export class SyncEngine {
  private running: Promise<SyncRunResult> | null = null;
  private again = false;

  constructor(
    private readonly db: HuifangDb,
    private readonly author: () => string | null,
    private readonly now: () => Date = () => new Date(),
    /** True while a call is up (dialling, ringing, connected): archive uploads yield to it. */
    private readonly callUp: () => boolean = () => false,
  ) {}

  /** Runs (or joins) a sync; resolves with the last run's result. */
  run(): Promise<SyncRunResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let result: SyncRunResult;
      let pushed = 0;
      let pulled = 0;
      do {
        this.again = false;
        result = await this.runOnce();
        if (result.kind === 'done') {
          pushed += result.pushed;
          pulled += result.pulled;
        }
      } while (this.again && result.kind === 'done');
      if (result.kind === 'done') result = { kind: 'done', pushed, pulled };
      this.running = null;
      return result;
    })();
    return this.running;
  }

  /** Recounts the outbox into the store (after a visit was finished offline, say). */
  async refreshCounts(): Promise<void> {
    // Only this agent's entries: another agent's unsent or refused results are theirs to see.
    const { waiting, refused } = await outboxStatus(this.db, this.author());
    const rejectedList = refused
      .slice(0, 50)
      .map((e) => ({ id: e.id, kind: e.kind, policyNo: e.policyNo, reason: e.lastError ?? messages.data.rejectedByCenter, at: e.createdAt }));
    useSyncStore.getState().patch({
      pending: waiting.results,
      archiveWaiting: waiting.sessions,
      archiveWaitingBytes: waiting.bytes,
      rejected: refused.length,
      rejectedList,
    });
  }

  private async runOnce(): Promise<SyncRunResult> {
    useSyncStore.getState().patch({ running: true });
    // What this run starts from: a sign-out waiting on it shows what goes (entries written since the
    // last run too). Not awaited: the push must read the outbox at once, as it was when the run was
    // asked for — a wait here let a run begun before a link takeover push entries written after it.
    void this.refreshCounts().catch(() => undefined);
    try {
      const pushed = await this.pushAll();
      if (pushed.kind !== 'done') return pushed;
      const pulled = await this.pullAll();
      if (pulled.kind !== 'done') return pulled;
      useSyncStore.getState().patch({ lastSyncAt: this.now().toISOString(), lastError: null });
      return { kind: 'done', pushed: pushed.pushed, pulled: pulled.pulled };
    } finally {
      await this.refreshCounts();
      useSyncStore.getState().patch({ running: false });
    }
  }

  /**
   * One archive entry (README "Evidence archive"): main sends the session and its recording in
   * checksummed chunks from the file, resuming at the centre's byte count, and answers `archived`
   * only once the centre verified and stored it. Main skips it while a call is up (uploads yield to
   * live calls). Answers what became of the entry, or why main or the centre could not be reached at all.
   */
  private async archive(entry: OutboxEntry & { item: { sessionId: string } }): Promise<ArchiveEntryFate | { unreachable: string }> {
    const r = await Promise.resolve()
      .then(() => huifang().archive.upload({ sessionId: entry.item.sessionId, callUp: this.callUp() }))
      .catch((e: unknown) => ({ ok: false as const, error: { code: 'transport_closed', message: e instanceof Error ? e.message : String(e) } }));
    if (r.ok) {
      const fate = await applyArchiveOutcome(this.db, entry.id, r.value, this.now());
      // Each session is a long upload: the banner and a draining sign-out show the count go down.
      if (fate !== 'later') await this.refreshCounts();
      return r.value.kind === 'waiting' && r.value.unreachable ? { unreachable: r.value.reason } : fate;
    }
    await noteOutboxFailure(this.db, [entry.id], r.error.message);
    if (r.error.code === 'transport_closed') return { unreachable: r.error.message };
    // Main answered but its handler failed on this session: noted, tried again next run, and the
    // entries behind it still go.
    return 'later';
  }

  private async pushAll(): Promise<SyncRunResult & { pushed: number }> {
    let pushed = 0;
    const author = this.author();
    if (author === null) return { kind: 'refused', message: messages.sync.signInFirst, pushed } as SyncRunResult & { pushed: number };
    // Once per agent after the upgrade: sessions main still queued itself join the outbox.
    await adoptUnarchivedSessions(this.db, author).catch(() => 0);
    // Archive entries main could not send now (call up, offline, recording not final): retried next run,
    // while the results behind them still go.
    const later = new Set<string>();
    for (;;) {
      const waiting = (await pendingOutbox(this.db, PUSH_BATCH + later.size, author)).filter((e) => !later.has(e.id));
      if (waiting.length === 0) return { kind: 'done', pushed, pulled: 0 };
      const head = waiting[0];
      if (isArchiveEntry(head)) {
        const fate = await this.archive(head);
        // Main gone (the host restarting, the socket down) or the centre silent: every later entry
        // would wait out the same dead link or timeout, one each. The run ends here; the entry is
        // tried again next run.
        if (typeof fate === 'object') return { kind: 'offline', message: fate.unreachable, pushed } as SyncRunResult & { pushed: number };
        if (fate === 'delivered') pushed++;
        if (fate === 'later') later.add(head.id);
        continue;
      }
      // The results up to the next archive entry go in one push: delivery keeps the written order.
      const next = waiting.findIndex(isArchiveEntry);
      const batch = await setAsideMalformed(this.db, next < 0 ? waiting : waiting.slice(0, next));
      if (batch.length === 0) continue;
      const answer = await huifang().center.push({ items: batch.map((e) => e.item as PushItem) });
      if (!answer.ok) {
        await noteOutboxFailure(
          this.db,
          batch.map((e) => e.id),
          answer.error.message,
        );
        return { kind: 'offline', message: answer.error.message, pushed } as SyncRunResult & { pushed: number };
      }
      const value = answer.value;
      if (value.kind === 'refused' && refusalIsFinal(value.code)) {
        // Sending the same items again would be refused again: set them aside with the reason
        // instead of retrying (and counting them as waiting) for ever.
        await setAsideRefused(
          this.db,
          batch.map((e) => e.id),
          value.message,
        );
        useSyncStore.getState().patch({ lastError: value.message });
        continue;
      }
      if (value.kind !== 'ok') {
        await noteOutboxFailure(
          this.db,
          batch.map((e) => e.id),
          value.message,
        );
        useSyncStore.getState().patch({ lastError: value.message });
        return { kind: value.kind, message: value.message, pushed } as SyncRunResult & { pushed: number };
      }
      const { delivered, rejected } = await applyAcks(this.db, value.acks, this.now());
      pushed += delivered;
      await this.refreshCounts();
      // An answer that acknowledged nothing we sent would loop forever: stop and retry later.
      if (delivered + rejected === 0) return { kind: 'refused', message: messages.sync.nothingConfirmed, pushed } as SyncRunResult & { pushed: number };
    }
  }

  private async pullAll(): Promise<SyncRunResult & { pulled: number }> {
    let cursor = await readSetting(this.db, 'syncCursor');
    let pulled = 0;
    const snapshotSeen = new Set<string>();
    let snapshot = false;
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const answer = await huifang().center.pull({ cursor, limit: 500 });
      if (!answer.ok) return { kind: 'offline', message: answer.error.message, pulled } as SyncRunResult & { pulled: number };
      const value = answer.value;
      if (value.kind !== 'ok') {
        useSyncStore.getState().patch({ lastError: value.message });
        return { kind: value.kind, message: value.message, pulled } as SyncRunResult & { pulled: number };
      }
      const res = value.response;
      if (page === 0 && res.snapshot) snapshot = true;
      const stored = await applyPullPage(this.db, res, this.now());
      await storePulledCallbacks(this.db, res.callbacks ?? [], this.now());
      await storePulledCorrections(this.db, res.phoneCorrections ?? []);
      if (snapshot) stored.forEach((k) => snapshotSeen.add(k));
      // Drops count as changes too: the queue on screen must lose a case handed to a colleague.
      pulled += res.upserts.length + res.drops.length;
      cursor = res.cursor;
      await writeSetting(this.db, 'syncCursor', cursor);
      if (!res.hasMore) break;
    }
    if (snapshot) pulled += await dropCasesNotIn(this.db, snapshotSeen);
    return { kind: 'done', pulled, pushed: 0 } as SyncRunResult & { pulled: number };
  }
}

/**
 * Refusals of a whole push that sending again cannot cure: this role may not push, or the centre
 * finds the request itself invalid. Everything else (expired session, rate limit, a centre fault)
 * is retried.
 */
const FINAL_REFUSALS = new Set(['forbidden', 'wrong_team', 'invalid_request']);

function refusalIsFinal(code: string): boolean {
  return FINAL_REFUSALS.has(code);
}
