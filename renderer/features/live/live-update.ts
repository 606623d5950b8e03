import type { LiveUpdate, TeamLiveResponse } from '../../../shared/sync';

/**
 * The board with one agent's pushed change applied, or null when the agent is not on it (new to
 * the team, or the board not read yet): then only a read of the team shows them. A pushed state
 * is fresh, so the row is not stale.
 */
export function applyLiveUpdate(live: TeamLiveResponse, staffNo: string, update: LiveUpdate): TeamLiveResponse | null {
  const i = live.agents.findIndex((a) => a.staffNo === staffNo);
  if (i < 0) return null;
  const agents = [...live.agents];
  agents[i] = { ...agents[i]!, state: update.state, receivedAt: update.receivedAt, stale: false };
  return { ...live, agents };
}

/**
 * A read's answer with the changes pushed while it was under way laid over it: a read served
 * before a push carries the older state. A pushed state older than the read's row (served after
 * it) is dropped; a pushed sign-out, which has no time, wins.
 */
export function overlayPushed(live: TeamLiveResponse, pushed: ReadonlyMap<string, LiveUpdate>): TeamLiveResponse {
  let out = live;
  for (const [staffNo, update] of pushed) {
    const row = out.agents.find((a) => a.staffNo === staffNo);
    if (!row) continue;
    const older = update.receivedAt !== null && row.receivedAt !== null && update.receivedAt < row.receivedAt;
    if (!older) out = applyLiveUpdate(out, staffNo, update) ?? out;
  }
  return out;
}
