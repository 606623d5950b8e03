import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { IpcResult } from '../../../../shared/ipc/ipc-error';
import type { CallerContext } from '../../../../main/ipc/ipc-router';
import { roleBasedPolicy, type AccessIdentity } from '../../../../main/services/recording/access-policy';
import { buildServices, tempDataDir } from '../recording/support';

/** Who is signed in behind each test window (null = nobody). */
const PEOPLE: Record<string, AccessIdentity | null> = {
  'agent-1001': { userId: '1001', role: 'agent' },
  'agent-1002': { userId: '1002', role: 'agent' },
  qa: { userId: '3001', role: 'qa' },
  lead: { userId: '2001', role: 'team_lead' },
  admin: { userId: '9001', role: 'admin' },
  nobody: null,
};
const as = (callerId: keyof typeof PEOPLE): CallerContext => ({ host: 'web', callerId });
/** The sessions the centre says QA failed items on (the agent's own evaluations). */
const failedAtCentre = new Set<string>();
const policy = roleBasedPolicy(
  (c) => PEOPLE[c.callerId] ?? null,
  async (sessionId) => failedAtCentre.has(sessionId),
);

/** Ids of a `session:list` result (throws on refusal). */
function ids(r: IpcResult<unknown>): string[] {
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as ResponseOf<'session:list'>).map((x) => x.id);
}

/** The session id of a `session:open` result (throws on refusal). */
function opened(r: IpcResult<unknown>): string {
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as ResponseOf<'session:open'>).sessionId;
}

async function setup() {
  const now = { t: Date.UTC(2026, 10, 25, 2) };
  const s = await buildServices({ dataDir: tempDataDir(), now: () => now.t, policy });
  const open = async (caller: CallerContext, caseId: string) => {
    now.t += 1000;
    return opened(await s.router.dispatch('session:open', { caseId, agentId: null }, caller));
  };
  const mine = await open(as('agent-1001'), 'P-MINE');
  const theirs = await open(as('agent-1002'), 'P-THEIRS');
  return { s, mine, theirs };
}

describe('who may list and view call sessions (docs/domain.md §9, 个人信息保护法 第51条 access rights)', () => {
  it('a session opened by a signed-in agent carries that agent’s staff number, whatever the renderer sent', async () => {
    const { s } = await setup();
    const signedIn = opened(await s.router.dispatch('session:open', { caseId: 'P-X', agentId: '9999' }, as('agent-1002')));
    expect((await s.sessions.get(signedIn)).agentId).toBe('1002');
    const anon = opened(await s.router.dispatch('session:open', { caseId: 'P-Y', agentId: '1005' }, as('nobody')));
    expect((await s.sessions.get(anon)).agentId).toBe('1005'); // nobody signed in: the request's
  });

  it('an agent lists and views only their own sessions; another agent’s session is refused readably', async () => {
    const { s, mine, theirs } = await setup();
    expect(ids(await s.router.dispatch('session:list', {}, as('agent-1001')))).toEqual([mine]);
    expect(await s.router.dispatch('session:get', { sessionId: mine }, as('agent-1001'))).toMatchObject({ ok: true, value: { id: mine, agentId: '1001' } });
    expect(await s.router.dispatch('session:get', { sessionId: theirs }, as('agent-1001'))).toMatchObject({
      ok: false,
      error: { message: '当前角色（agent）无权查看该通话记录，只能查看本人的通话记录。' },
    });
  });

  it('QA, team leads and administrators list and view every session, newest first', async () => {
    const { s, mine, theirs } = await setup();
    for (const who of ['qa', 'lead', 'admin'] as const) {
      expect(ids(await s.router.dispatch('session:list', {}, as(who)))).toEqual([theirs, mine]);
      expect((await s.router.dispatch('session:get', { sessionId: mine }, as(who))).ok).toBe(true);
    }
    expect(ids(await s.router.dispatch('session:list', { caseId: 'P-MINE' }, as('qa')))).toEqual([mine]);
    expect(ids(await s.router.dispatch('session:list', { limit: 1 }, as('qa')))).toEqual([theirs]);
  });

  it('signed out: listing and viewing are refused with a reason, even when there is nothing to list', async () => {
    const { s, mine } = await setup();
    expect(await s.router.dispatch('session:list', {}, as('nobody'))).toMatchObject({ ok: false, error: { message: '未登录，无权查看通话记录列表。' } });
    expect(await s.router.dispatch('session:get', { sessionId: mine }, as('nobody'))).toMatchObject({
      ok: false,
      error: { message: '未登录，无权查看该通话记录。' },
    });
    const empty = await buildServices({ dataDir: tempDataDir(), policy });
    expect(await empty.router.dispatch('session:list', {}, as('nobody'))).toMatchObject({ ok: false });
    expect(await empty.router.dispatch('session:list', {}, as('qa'))).toMatchObject({ ok: true, value: [] });
  });

  it('every view and every list goes into the hash-chained access log, refusals included', async () => {
    const { s, mine, theirs } = await setup();
    await s.router.dispatch('session:get', { sessionId: mine }, as('qa'));
    await s.router.dispatch('session:get', { sessionId: theirs }, as('agent-1001'));
    await s.router.dispatch('session:list', {}, as('lead'));
    await s.router.dispatch('session:list', {}, as('nobody'));
    const log = await s.accessLog.read();
    expect(log.map((e) => [e.action, e.sessionId, e.who, e.role, e.allowed])).toEqual([
      ['view', mine, '3001', 'qa', true],
      ['view', theirs, '1001', 'agent', false],
      ['list', '*', '2001', 'team_lead', true],
      ['list', '*', null, null, false],
    ]);
    expect(log[2]!.detail).toBe('2 sessions');
    expect(log[0]!.caller).toBe('web/qa');
  });

  it('playback is for supervisors; an agent plays only a call of theirs the centre says QA failed items on (README "QA evaluations")', async () => {
    const { s, mine } = await setup();
    expect(await s.router.dispatch('playback:open', { sessionId: mine }, as('agent-1001'))).toMatchObject({
      ok: false,
      error: { message: '当前角色（agent）无权调听录音，坐席只能调听质检判有不合格项的本人通话。' },
    });
    failedAtCentre.add(mine);
    const opened = await s.router.dispatch('playback:open', { sessionId: mine }, as('agent-1001'));
    // Allowed past the policy: this session has no recording to open, so the refusal is about that.
    expect(opened.ok ? '' : opened.error.message).not.toMatch(/无权调听/);
    failedAtCentre.clear();
  });
});
