import { readAudit } from '../../center/store/audit-repo';
import { BargeLedger } from '../../center/live/barge-ledger';
import { MonitorGrants } from '../../center/live/monitor-grants';
import type { LiveState } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

const inCall = (over: Partial<LiveState> = {}): LiveState => ({
  status: 'in_call',
  statusSince: '2026-03-10T02:00:00.000Z',
  pauseReason: null,
  case: { policyNo: 'P2026000001', kind: 'new' },
  call: { phase: 'connected', since: '2026-03-10T02:00:05.000Z' },
  script: null,
  updatedAt: '2026-03-10T02:01:00.000Z',
  sipUri: 'sip:1002@127.0.0.1',
  ...over,
});

describe('coaching grants and the barge ledger (shared/sync/monitor.ts)', () => {
  it('a grant carries its mode; a grant whose mode was changed is forged', async () => {
    const grants = new MonitorGrants(Buffer.alloc(32, 7), () => 1_800_000_000_000);
    const { grant } = grants.issue('2001', '1001', 'whisper');
    const [v, payload, sig] = grant.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const upgraded = `${v}.${Buffer.from(JSON.stringify({ ...claims, mode: 'barge' })).toString('base64url')}.${sig}`;
    expect(await grants.accept(upgraded, '1001')).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await grants.accept(grant, '1001')).toMatchObject({ ok: true, claims: { mode: 'whisper' } });
  });

  it('one lead barges into a call at a time; the holding lapses with the call and on stepping back', async () => {
    const ledger = new BargeLedger();
    expect(await ledger.take('1001', '2001', 'call-1')).toBe(true);
    expect(await ledger.take('1001', '9001', 'call-1')).toBe(false);
    expect(await ledger.take('1001', '2001', 'call-1')).toBe(true); // the holder again: fine
    expect(await ledger.holder('1001', 'call-2')).toBeNull(); // another call: the old holding is gone
    expect(await ledger.take('1001', '2001', 'call-2')).toBe(true);
    await ledger.release('1001', '9001'); // not the holder: nothing changes
    expect(await ledger.holder('1001', 'call-2')).toBe('2001');
    await ledger.release('1001', '2001');
    expect(await ledger.take('1001', '9001', 'call-2')).toBe(true);
  });
});

describe.each(engines)('whisper and barge over HTTP on $name', (engine) => {
  let center: TestCenter;
  let clock = Date.parse('2026-03-10T02:01:00.000Z');
  const tokens: Record<string, string> = {};
  const publish = (who: string, body: unknown) => {
    clock += 1000;
    return post(`${center.url}/api/live`, body, tokens[who]);
  };
  const ask = (who: string, staffNo: string, mode?: string) => post(`${center.url}/api/team/monitor`, { staffNo, mode }, tokens[who]);
  const verify = (who: string, grant: string) => post(`${center.url}/api/monitor/verify`, { grant }, tokens[who]);
  const grantOf = async (who: string, staffNo: string, mode: string) => {
    const r = await ask(who, staffNo, mode);
    expect(r.status).toBe(200);
    return r.json.value.grant as string;
  };

  beforeAll(async () => {
    center = await startTestCenter({ engine, liveClock: () => clock });
    for (const s of ['1002', '1101', '2001', '2101', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('listen → whisper → barge: each switch is a fresh grant naming its mode, verified and audited', async () => {
    expect((await publish('1002', inCall())).status).toBe(200);
    for (const mode of ['listen', 'whisper', 'barge', 'listen']) {
      const r = await ask('2001', '1002', mode);
      expect(r.json.value).toMatchObject({ mode });
      expect((await verify('1002', r.json.value.grant as string)).json.value).toMatchObject({ verdict: 'valid', lead: '2001', mode });
    }
    const started = await readAudit(center.context.store, { action: 'monitor.start' });
    expect(started.map((a) => (a.detail as Json).mode)).toEqual(expect.arrayContaining(['listen', 'whisper', 'barge']));
    const verified = (await readAudit(center.context.store, { action: 'monitor.verified' })).filter((a) => a.target === '2001');
    expect(verified).toHaveLength(4);
    // Without a mode the grant is a listen, as before coaching existed.
    expect((await post(`${center.url}/api/team/monitor`, { staffNo: '1002' }, tokens['2001'])).json.value).toMatchObject({ mode: 'listen' });
  });

  it('a second lead barging into the same call is refused at the grant and at the desk; after the first steps back it may', async () => {
    expect((await publish('1002', inCall({ call: { phase: 'connected', since: '2026-03-10T02:05:00.000Z' } }))).status).toBe(200);
    // Two barge grants issued before either was used: the desk's verification decides.
    const first = await grantOf('2001', '1002', 'barge');
    const second = await grantOf('9001', '1002', 'barge');
    expect((await verify('1002', first)).json.value).toMatchObject({ verdict: 'valid', mode: 'barge' });
    expect((await verify('1002', second)).json.value).toMatchObject({ verdict: 'refused', reason: 'barge_taken', message: '已有其他班长强插该通话' });
    const asked = await ask('9001', '1002', 'barge');
    expect(asked.status).toBe(409);
    expect((asked.json.error as Json).message.zh).toContain('2001');
    // Whisper by the second lead is fine; barge once the first stepped back to listen.
    expect((await verify('1002', await grantOf('9001', '1002', 'whisper'))).json.value).toMatchObject({ verdict: 'valid', mode: 'whisper' });
    expect((await verify('1002', await grantOf('2001', '1002', 'listen'))).json.value).toMatchObject({ verdict: 'valid' });
    expect((await verify('1002', await grantOf('9001', '1002', 'barge'))).json.value).toMatchObject({ verdict: 'valid', lead: '9001', mode: 'barge' });
    const denied = await readAudit(center.context.store, { action: 'monitor.denied' });
    expect(denied[0]).toMatchObject({ actor: '9001', target: '1002', detail: { mode: 'barge', reason: 'barge_taken' } });
    expect(await readAudit(center.context.store, { action: 'monitor.refused' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: '1002', target: '9001', detail: { reason: 'barge_taken', mode: 'barge' } })]),
    );
  });

  it("a barging lead's leg that ended (hung up, or its desk crashed) frees the call: another lead may barge; audited", async () => {
    expect((await publish('1002', inCall({ call: { phase: 'connected', since: '2026-03-10T02:07:00.000Z' } }))).status).toBe(200);
    expect((await verify('1002', await grantOf('2001', '1002', 'barge'))).json.value).toMatchObject({ verdict: 'valid', mode: 'barge' });
    expect((await ask('9001', '1002', 'barge')).status).toBe(409);
    // Only the agent's own desk reports its legs; a lead cannot free a call by saying so.
    expect((await post(`${center.url}/api/monitor/ended`, { lead: '2001' }, tokens['9001'])).status).toBe(403);
    expect((await post(`${center.url}/api/monitor/ended`, { lead: 'x' }, tokens['1002'])).status).toBe(400);
    const ended = await post(`${center.url}/api/monitor/ended`, { lead: '2001' }, tokens['1002']);
    expect(ended.json.value).toEqual({ released: true });
    expect((await verify('1002', await grantOf('9001', '1002', 'barge'))).json.value).toMatchObject({ verdict: 'valid', lead: '9001', mode: 'barge' });
    // A leg of a lead who did not hold the barge frees nothing.
    expect((await post(`${center.url}/api/monitor/ended`, { lead: '2001' }, tokens['1002'])).json.value).toEqual({ released: false });
    expect((await ask('2001', '1002', 'barge')).status).toBe(409);
    const audited = await readAudit(center.context.store, { action: 'monitor.ended' });
    expect(audited.map((a) => [a.actor, a.target, (a.detail as Json).released]).sort()).toEqual([
      ['1002', '2001', false],
      ['1002', '2001', true],
    ]);
  });

  it('a switch when the agent is no longer in a call is refused at the grant and at the desk, and audited', async () => {
    expect((await publish('1002', inCall({ call: { phase: 'connected', since: '2026-03-10T02:09:00.000Z' } }))).status).toBe(200);
    const grant = await grantOf('2001', '1002', 'whisper');
    expect((await publish('1002', inCall({ status: 'wrap_up', call: null }))).status).toBe(200);
    expect((await verify('1002', grant)).json.value).toMatchObject({ verdict: 'refused', reason: 'not_in_call', message: '坐席已不在通话中' });
    expect((await ask('2001', '1002', 'barge')).status).toBe(409);
    const denied = await readAudit(center.context.store, { action: 'monitor.denied' });
    expect(denied).toEqual(expect.arrayContaining([expect.objectContaining({ actor: '2001', detail: { mode: 'barge', reason: 'not_in_call' } })]));
  });

  it("whisper or barge for another team's agent is refused and audited; a reused or forged switch grant is refused", async () => {
    expect((await publish('1101', inCall({ sipUri: 'sip:1003@127.0.0.1' }))).status).toBe(200);
    expect((await ask('2001', '1101', 'whisper')).status).toBe(403);
    expect((await ask('2001', '1101', 'barge')).status).toBe(403);
    const denied = await readAudit(center.context.store, { action: 'monitor.denied' });
    expect(denied).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: '2001', target: '1101', detail: { mode: 'whisper', reason: 'other_team' } })]),
    );
    const grant = await grantOf('2101', '1101', 'barge');
    expect((await verify('1101', grant)).json.value).toMatchObject({ verdict: 'valid', mode: 'barge' });
    expect((await verify('1101', grant)).json.value).toMatchObject({ verdict: 'refused', reason: 'already_used' });
    const forged = `${grant.slice(0, -4)}${grant.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await verify('1101', forged)).json.value).toMatchObject({ verdict: 'refused', reason: 'bad_signature' });
    expect((await ask('2101', '1101', 'shout')).status).toBe(400);
  });
});
