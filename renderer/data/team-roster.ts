import type { TeamMember } from '../../shared/sync';
import { huifang } from '../ipc/huifang';
import type { HuifangDb } from './huifang-db';
import { readSetting, writeSetting } from './settings-repo';

/** The colleagues a desk can book a callback for, and whether the list is fresh or from the cache. */
export interface RosterView {
  readonly members: readonly TeamMember[];
  /** `live`: just fetched; `cached`: the centre is unreachable, last list shown; `none`: never fetched. */
  readonly source: 'live' | 'cached' | 'none';
  readonly fetchedAt: string | null;
}

/**
 * Fetches the signed-in agent's team roster from the centre and keeps it in the cache; when the
 * centre cannot be reached (or refuses), answers with the roster cached for this agent, if any.
 * Never lists the agent themself (booking for oneself is "mine").
 */
export async function loadRoster(db: HuifangDb, me: string, now = new Date()): Promise<RosterView> {
  const answer = await huifang().center.roster({});
  if (answer.ok && answer.value.kind === 'ok') {
    const roster = answer.value.roster;
    await writeSetting(db, 'teamRoster', { ...roster, fetchedAt: now.toISOString(), forStaffNo: me });
    return { members: roster.members.filter((m) => m.staffNo !== me), source: 'live', fetchedAt: now.toISOString() };
  }
  const cached = await readSetting(db, 'teamRoster');
  if (!cached || cached.forStaffNo !== me) return { members: [], source: 'none', fetchedAt: null };
  return { members: cached.members.filter((m) => m.staffNo !== me), source: 'cached', fetchedAt: cached.fetchedAt };
}
