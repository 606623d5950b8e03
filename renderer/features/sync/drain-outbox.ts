import { useSyncStore } from './sync-store';

/** How long sign-out waits for the outbox to reach the centre (ms). */
const SIGN_OUT_DRAIN_MS = 10_000;

/** What is still in the outbox when a drain ends. */
export interface OutboxLeft {
  readonly results: number;
  readonly sessions: number;
  readonly bytes: number;
}

function left(): OutboxLeft {
  const s = useSyncStore.getState();
  return { results: s.pending, sessions: s.archiveWaiting, bytes: s.archiveWaitingBytes };
}

const weight = (l: OutboxLeft) => l.results + l.sessions;

/**
 * Sends what waits in the outbox (results, closed sessions and their recordings) before the agent
 * leaves, for at most `timeoutMs` (README "Evidence archive": evidence leaves the desk as soon as
 * it can). Runs the sync again while a run brings the count down; stops at once when a run moves
 * nothing (the centre is offline, or refuses), and at the bound even mid-upload — the upload in
 * flight goes on, and whatever is left stays queued for this agent's next sign-in. The sync store
 * shows the progress meanwhile (it is recounted after every run and after every archived session).
 */
export async function drainOutbox(run: () => Promise<void>, timeoutMs = SIGN_OUT_DRAIN_MS): Promise<OutboxLeft> {
  const deadline = Date.now() + timeoutMs;
  let before = left();
  // At least one run: the counts may not know yet of what was just written (the sign-out record).
  for (let first = true; first || weight(before) > 0; first = false) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ran = await Promise.race([
      run().then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), remaining))),
    ]);
    clearTimeout(timer);
    const after = left();
    if (!ran || (!first && weight(after) >= weight(before))) return after;
    before = after;
  }
  return before;
}
