import { fakeHandlers } from '../../setup/fake-huifang';

/**
 * The fake host answers as a reachable centre that signs `staffNo` in with `role` (team A,
 * Mandarin): sign-in, sign-out, status, an empty pull, accepted pushes and live-state publishing.
 * `snapshot: false` makes the empty pull an increment, so cases already cached stay.
 */
export function fakeSignedIn(staffNo: string, role: string, name = `演示${role}`, { snapshot = true }: { snapshot?: boolean } = {}): void {
  const me = { staffNo, name, role, team: 'A', languages: ['mandarin'] };
  fakeHandlers.set('center:signIn', () => ({ kind: 'signed_in', user: me, mode: 'online' }));
  fakeHandlers.set('center:signOut', () => ({ signedOut: true }));
  fakeHandlers.set('center:getStatus', () => ({ phase: 'online', user: me, url: 'http://127.0.0.1:1', embedded: true, lastError: null, lastContactAt: null }));
  fakeHandlers.set('center:push', (req) => ({ kind: 'ok', acks: (req as { items: { id: string }[] }).items.map((i) => ({ id: i.id, status: 'accepted' })) }));
  fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1-0', hasMore: false, snapshot, upserts: [], drops: [] } }));
  fakeHandlers.set('center:publishLive', () => ({ kind: 'ok' }));
  fakeEmptyTeam();
}

/** A lead's first screen reads the team: an empty team A, unless the test installed its own answers. */
export function fakeEmptyTeam(): void {
  const empty: Record<string, () => unknown> = {
    'center:teamCases': () => ({ kind: 'ok', cases: [] }),
    'center:teamPhoneCorrections': () => ({ kind: 'ok', corrections: { items: [], hasMore: false } }),
    'center:teamCallbacks': () => ({ kind: 'ok', callbacks: { team: 'A', at: new Date().toISOString(), items: [] } }),
    'center:roster': () => ({ kind: 'ok', roster: { team: 'A', members: [] } }),
  };
  for (const [name, answer] of Object.entries(empty)) if (!fakeHandlers.has(name)) fakeHandlers.set(name, answer);
}
