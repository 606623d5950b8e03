import type { ScriptContext } from '../../../shared/domain/script/placeholders';
import { liveStateSchema, type LiveState } from '../../../shared/sync';
import { huifang } from '../../ipc/huifang';
import { useAgentStatusStore } from '../agent-status/agent-status-store';
import { useRecordingStore } from '../recording/recording-store';
import type { RecordingSnapshot } from '../recording/recording-state';
import { useSoftphoneStore } from '../softphone/softphone-store';
import { useWizardStore } from '../wizard/wizard-store';
import { buildLiveState, type LiveInputs } from './live-snapshot';

/** How a publication went: sent, dropped (offline or refused), or refused for being too soon. */
export type PublishAnswer = 'sent' | 'dropped' | 'too_soon';

/** The visit workflow as the board sees it; the app wires it to the visit feature. */
export interface LiveVisitFeed {
  read(): LiveInputs['visit'];
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** Options of the publisher; tests pass a fake `publish` and clock. */
export interface LivePublisherOptions {
  /** Where the agent is in the visit workflow. */
  readonly visit: LiveVisitFeed;
  /** Script context for the question text (company name, own staff number). */
  readonly context: () => ScriptContext;
  /** Sends one state; default: the `center:publishLive` channel. */
  readonly publish?: (state: LiveState) => Promise<PublishAnswer>;
  /** Shortest gap between two publications (ms): ≤ 4 per second. */
  readonly minGapMs?: number;
  /** A heartbeat publication this often even without changes (ms). */
  readonly heartbeatMs?: number;
  readonly now?: () => number;
  /** The desk's SIP address for the lead's listen-in (null: none). */
  readonly sipUri?: () => string | null;
}

/** Publishes through the host; offline or refused answers drop the state (live state is never queued). */
export async function publishThroughHost(state: LiveState): Promise<PublishAnswer> {
  const r = await huifang().center.publishLive(state);
  if (r.ok && r.value.kind === 'refused' && r.value.code === 'rate_limited') return 'too_soon';
  return r.ok && r.value.kind === 'ok' ? 'sent' : 'dropped';
}

/**
 * The recording as the board needs it: failed (or blocked: no call may start, recording is
 * broken) is what the lead must see; a recording under way is said; otherwise nothing.
 */
export function liveRecording(r: Pick<RecordingSnapshot, 'phase' | 'blockedReason'>): LiveInputs['recording'] {
  if (r.phase === 'failed' || r.blockedReason !== null) return 'failed';
  return r.phase === 'recording' || r.phase === 'starting' ? 'recording' : undefined;
}

/** The stores' current snapshots. */
function readInputs(visit: LiveVisitFeed, sipUri: string | null): LiveInputs {
  const st = useAgentStatusStore.getState();
  const w = useWizardStore.getState();
  return {
    status: { status: st.status, reason: st.reason, since: st.since },
    visit: visit.read(),
    wizard: { policy: w.policy, script: w.script },
    phone: useSoftphoneStore.getState().call,
    sipUri,
    recording: liveRecording(useRecordingStore.getState()),
  };
}

/**
 * Publishes the agent's live state for the team lead's board: on every change of the agent
 * status, visit, wizard or softphone call (coalesced to at most one publication per `minGapMs`,
 * only when the state differs from the last one sent) and as a heartbeat every 30 s. One
 * publication in flight at a time; a "too soon" answer is retried once the gap has passed.
 * Returns `stop`: after it nothing more is published (call it before signing out).
 */
export function startLivePublisher(options: LivePublisherOptions): { stop(): void } {
  const publish = options.publish ?? publishThroughHost;
  const minGap = options.minGapMs ?? 250;
  const now = options.now ?? Date.now;
  let stopped = false;
  let inFlight = false;
  let dirty = false;
  let force = false;
  let lastSentAt = -Infinity;
  let lastKey: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const keyOf = (s: LiveState) => JSON.stringify({ ...s, updatedAt: null });

  const flush = async () => {
    timer = null;
    if (stopped || inFlight) return;
    const state = buildLiveState(readInputs(options.visit, options.sipUri?.() ?? null), options.context(), now());
    dirty = false;
    if (!state) return;
    const key = keyOf(state);
    if (key === lastKey && !force) return;
    if (!liveStateSchema.safeParse(state).success) {
      console.warn('live state not published: it does not fit the protocol', state);
      return;
    }
    force = false;
    inFlight = true;
    lastSentAt = now();
    let answer: PublishAnswer;
    try {
      answer = await publish(state);
    } catch {
      answer = 'dropped';
    }
    inFlight = false;
    if (answer === 'sent') lastKey = key;
    if (answer === 'too_soon') {
      force = true;
      dirty = true;
    }
    if (dirty) schedule();
  };

  function schedule(): void {
    if (stopped || timer !== null) return;
    if (inFlight) {
      dirty = true;
      return;
    }
    timer = setTimeout(() => void flush(), Math.max(0, lastSentAt + minGap - now()));
  }

  const changed = () => {
    dirty = true;
    schedule();
  };
  const unsubscribers = [
    useAgentStatusStore.subscribe(changed),
    options.visit.subscribe(changed),
    useWizardStore.subscribe(changed),
    useSoftphoneStore.subscribe((s, prev) => s.call !== prev.call && changed()),
    // Only the recording's phase matters to the board, not every chunk stored.
    useRecordingStore.subscribe((r, prev) => liveRecording(r) !== liveRecording(prev) && changed()),
  ];
  const heartbeat = setInterval(() => {
    force = true;
    changed();
  }, options.heartbeatMs ?? 30_000);
  changed();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(heartbeat);
      for (const u of unsubscribers) u();
    },
  };
}
