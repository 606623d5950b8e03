import type { ReactNode } from 'react';
import { DEFAULT_SCRIPT } from '../../shared/domain/script/default-script';
import type { CenterUser } from '../../shared/sync';
import { cacheDb } from '../data/huifang-db';
import type { HuifangDb } from '../data/huifang-db';
import { readSetting, writeSetting } from '../data/settings-repo';
import { sealLegacyRows } from '../data/seal-legacy-rows';
import { fillNameTokens } from '../data/fill-name-tokens';
import { retryPendingCloses } from '../data/session-close';
import { windowCipher } from '../data/window-cipher';
import { useAgentStatusStore } from '../features/agent-status/agent-status-store';
import { recordSessionEvent } from '../features/agent-status/record-session-event';
import { watchCallbacks } from '../features/callbacks/callback-watcher';
import { useQueueStore } from '../features/queue/queue-store';
import { startSync } from '../features/sync/sync-controller';
import { drainOutbox, type OutboxLeft } from '../features/sync/drain-outbox';
import { startLivePublisher, type LiveVisitFeed } from '../features/live/live-publisher';
import type { SoftphoneApi } from '../features/softphone/softphone-api';
import { reportMissedCalls } from '../features/softphone/missed-call-report';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import { InboundVisits } from '../features/visit/inbound-visit';
import { VisitController } from '../features/visit/visit-controller';
import { screenOf, visitWork } from '../features/visit/visit-state';
import { useVisitStore, visitNow } from '../features/visit/visit-store';

/** How often unconfirmed session closes are sent again. */
const CLOSE_RETRY_MS = 30_000;

/** The visit workflow as the team lead's board sees it. */
const liveVisitFeed: LiveVisitFeed = {
  read() {
    const v = visitNow();
    return {
      screen: screenOf(v.phase),
      policyNo: v.policyNo,
      kind: v.caseRecord?.kind ?? null,
      deadline: v.caseRecord?.deadline ?? null,
      dialling: v.phase === 'dialling',
      call: v.call,
    };
  },
  subscribe: (listener) => useVisitStore.subscribe(listener),
};

/**
 * Wires the agent status to the visit workflow: 通话中 and 话后整理 follow the visit; a message
 * about the previous status goes once the agent changes it (示忙/就绪).
 */
function wireAgentStatus(visits: VisitController): () => void {
  const follow = () => useAgentStatusStore.getState().setWork(visitWork(visitNow()));
  follow();
  const offVisit = useVisitStore.subscribe(follow);
  const offStatus = useAgentStatusStore.subscribe((st, prev) => {
    if (st.pausedFor !== prev.pausedFor) visits.agentStatusChanged();
  });
  return () => {
    offVisit();
    offStatus();
  };
}

/** The running workstation of one signed-in agent. */
export interface Workstation {
  readonly db: HuifangDb;
  readonly me: CenterUser;
  readonly visits: VisitController;
  /** The policyholder's own calls to the desk: rung for their case, answered or declined. */
  readonly inbound: InboundVisits;
  /** The softphone (null: not configured), e.g. for the headset's buttons. */
  readonly softphone: () => SoftphoneApi | null;
  /** Asks for a sync run now. */
  readonly sync: () => void;
  /** Sends what waits in the outbox, for a bounded time (sign-out); answers what is left. */
  readonly drain: () => Promise<OutboxLeft>;
  /**
   * Ends the shift at this window. `linkLost`: the main process's link to the centre no longer
   * belongs to this agent (session expired, or another window signed in on the same host): nothing
   * is pushed, the sign-out and any results stay in the outbox for this agent's next sign-in.
   */
  stop(options?: { linkLost?: boolean }): Promise<void>;
}

/** What the workstation is built from; tests pass fakes for the softphone and recorder. */
export interface WorkstationParts {
  readonly db?: HuifangDb;
  readonly softphone: () => SoftphoneApi | null;
  /** Starts the automatic recorder for the softphone (null: no recording available). */
  readonly startRecording: ((phone: SoftphoneApi) => { setNextSession(id: string | null): void; dispose(): void }) | null;
  readonly appVersion?: string;
  /** Renders beside the workspace (the softphone panel and recording indicator). */
  readonly sidePanel?: () => ReactNode;
  /** Practice on the training line: its cases in the queue while the desk is on it (returns its stop). */
  readonly practice?: (db: HuifangDb, staffNo: string, reloadQueue: () => void) => () => void;
}

/**
 * Starts everything an agent's shift needs after sign-in: the cache for this agent (another
 * agent's queue is dropped, their unsent results stay theirs), sync, queue, callbacks, the
 * recorder and the visit workflow. Without the cache key (the host cannot provide it) nothing
 * starts and nothing is written: it rejects with a `CacheLockedError` the sign-in screen shows.
 */
export async function startWorkstation(me: CenterUser, parts: WorkstationParts): Promise<Workstation> {
  const cipher = await windowCipher();
  const db = parts.db ?? cacheDb();
  // Rows a pre-encryption cache wrote in the clear are sealed before anything reads them.
  await sealLegacyRows(db, cipher);
  const last = await readSetting(db, 'lastStaffNo');
  if (last !== me.staffNo) {
    await db.transaction('rw', [db.cases, db.queue, db.settings], async () => {
      await db.cases.clear();
      await db.queue.clear();
      await writeSetting(db, 'syncCursor', null);
      await writeSetting(db, 'lastStaffNo', me.staffNo);
    });
  }
  await recordSessionEvent(db, me.staffNo, 'sign_in', parts.appVersion);
  useVisitStore.getState().dispatch({ type: 'reset' });
  useAgentStatusStore.getState().signIn();
  const queue = useQueueStore.getState();
  queue.reset();
  const sync = startSync(
    db,
    () => me.staffNo,
    () => void useQueueStore.getState().load(db),
    () => {
      const phone = useSoftphoneStore.getState();
      return phone.call.phase !== 'idle' || phone.incoming !== null;
    },
  );
  const runSync = () => sync.request();
  await queue.load(db);
  // Rows cached before search by part of a name get their name tokens (once, after the v5 upgrade;
  // tens of seconds for a big cache, so not before the queue shows: meanwhile those rows are found
  // by policy number and full name). The queue is re-read once they have them.
  void fillNameTokens(db, cipher).then(
    (filled) => (filled > 0 ? useQueueStore.getState().load(db) : undefined),
    (err: unknown) => console.warn('filling name tokens failed; it resumes at the next sign-in', err),
  );
  const stopPractice = parts.practice?.(db, me.staffNo, () => void useQueueStore.getState().load(db)) ?? (() => undefined);
  const phone = parts.softphone();
  const recorder = phone && parts.startRecording ? parts.startRecording(phone) : null;
  const paused = () => useAgentStatusStore.getState().status === 'paused';
  const visits = new VisitController({
    db,
    me: me.staffNo,
    script: DEFAULT_SCRIPT,
    softphone: parts.softphone,
    recording: recorder,
    requestSync: runSync,
    paused,
  });
  const detach = visits.attach();
  const stopMissed = phone ? reportMissedCalls(phone, db, me.staffNo, runSync) : () => undefined;
  const inbound = new InboundVisits({ db, softphone: parts.softphone, visits, paused });
  const stopInbound = inbound.attach();
  const unwireStatus = wireAgentStatus(visits);
  const callbacks = watchCallbacks(db, me.staffNo, (policyNo) => void useQueueStore.getState().refreshRow(db, policyNo));
  // Session closes the main process did not confirm (host busy, disk full) are sent again.
  const retryCloses = () => void retryPendingCloses(db).catch((err: unknown) => console.warn('retrying session closes failed', err));
  retryCloses();
  const closeTimer = setInterval(retryCloses, CLOSE_RETRY_MS);
  // Agents show their live state on the team lead's board (no personal data beyond the policy number).
  let companyName = await readSetting(db, 'companyName');
  const refreshCompany = setInterval(
    () =>
      void readSetting(db, 'companyName').then(
        (n) => (companyName = n),
        () => undefined,
      ),
    60_000,
  );
  const live =
    me.role === 'agent'
      ? startLivePublisher({ visit: liveVisitFeed, context: () => ({ companyName, staffNo: me.staffNo }), sipUri: () => phone?.sipAddress?.() ?? null })
      : null;
  return {
    db,
    me,
    visits,
    inbound,
    softphone: parts.softphone,
    sync: runSync,
    drain: () => drainOutbox(() => sync.run()),
    async stop(options = {}) {
      // First: nothing is published after sign-out begins.
      live?.stop();
      stopPractice();
      clearInterval(refreshCompany);
      callbacks.stop();
      clearInterval(closeTimer);
      detach();
      stopMissed();
      stopInbound();
      unwireStatus();
      recorder?.dispose();
      await recordSessionEvent(db, me.staffNo, 'sign_out', parts.appVersion);
      // The sign-out record goes too, within the same bound as the drain: an upload still running
      // goes on in main, and what is left stays queued for this agent's next sign-in.
      if (!options.linkLost) await drainOutbox(() => sync.run());
      sync.stop();
      useAgentStatusStore.getState().signOut();
    },
  };
}
