import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleBasedPolicy } from '../../../../main/services/recording/access-policy';
import { retentionUntil } from '../../../../main/services/recording/retention';
import { buildServices, liveWebm, splitChunks, tempDataDir } from '../recording/support';

const admin = { host: 'web' as const, callerId: 'admin-window' };
const agent = { host: 'web' as const, callerId: 'agent-window' };
const policy = roleBasedPolicy((c) => (c.callerId === 'admin-window' ? { userId: '9001', role: 'admin' } : { userId: '1001', role: 'agent' }));

async function setup(now: { t: number }) {
  const dataDir = tempDataDir();
  const s = await buildServices({ dataDir, now: () => now.t, policy });
  return { s, dataDir };
}

describe('CallSessionStore', () => {
  it('lists a session with a no-media span as such (QA sees the call could not be heard)', async () => {
    const now = { t: Date.UTC(2026, 10, 25, 3) };
    const { s } = await setup(now);
    const { sessionId } = await s.sessions.open({ caseId: 'P2026-0003', agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
    const { sessionId: quiet } = await s.sessions.open({ caseId: 'P2026-0004', agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
    await s.router.dispatch('session:marker', { sessionId, questionId: '_no_media', at: now.t + 3000, answer: 'no_rtp|' }, agent);
    const rows = await s.sessions.list({ limit: 10 });
    expect(rows.find((r) => r.id === sessionId)?.noMedia).toBe(true);
    expect(rows.find((r) => r.id === quiet)?.noMedia).toBe(false);
  });

  it('a caller answered before their case was found gets the case once, with its script values and the retention of its contract (docs/domain.md §9)', async () => {
    const now = { t: Date.UTC(2026, 10, 25, 4) };
    const { s } = await setup(now);
    const opened = await s.router.dispatch('session:open', { caseId: null, scriptId: 'xq', scriptVersion: '3' }, agent);
    const sessionId = opened.ok ? (opened.value as { sessionId: string }).sessionId : '';
    expect((await s.sessions.get(sessionId)).retention.until).toBeNull();
    const attach = { sessionId, caseId: 'P2026-0005', contractEndDate: '2046-11-24', scriptValues: { productName: '测试终身寿险' } };
    expect((await s.router.dispatch('session:attachCase', attach, agent)).ok).toBe(true);
    const got = await s.sessions.get(sessionId);
    expect(got).toMatchObject({ caseId: 'P2026-0005', scriptValues: { productName: '测试终身寿险' } });
    expect(got.retention).toMatchObject({ contractEndDate: '2046-11-24', until: retentionUntil(got.createdAt, '2046-11-24') });
    // The same case again is a retry and changes nothing; never moved to another case; a closed session is not changed either.
    expect((await s.router.dispatch('session:attachCase', attach, agent)).ok).toBe(true);
    const again = await s.router.dispatch('session:attachCase', { ...attach, caseId: 'P2026-0006' }, agent);
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringContaining('已属于案件 P2026-0005') } });
    const { sessionId: other } = await s.sessions.open({ caseId: null, agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
    await s.router.dispatch('session:close', { sessionId: other }, agent);
    expect(await s.router.dispatch('session:attachCase', { ...attach, sessionId: other }, agent)).toMatchObject({ ok: false });
    expect((await s.sessions.get(other)).caseId).toBeNull();
  });

  it('keeps the script values the call had, from session:open, for QA to read each question as it was read', async () => {
    const now = { t: Date.UTC(2026, 10, 25, 2) };
    const { s } = await setup(now);
    const opened = await s.router.dispatch(
      'session:open',
      { caseId: 'P2026-0002', scriptId: 'xq', scriptVersion: '3', scriptValues: { productName: '测试终身寿险' } },
      agent,
    );
    expect(opened.ok).toBe(true);
    const got = await s.sessions.get(opened.ok ? (opened.value as { sessionId: string }).sessionId : '');
    expect(got.scriptValues).toEqual({ productName: '测试终身寿险' });
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x']));
    const refused = await s.router.dispatch('session:open', { caseId: 'P2026-0002', scriptValues: tooMany }, agent);
    expect(refused.ok).toBe(false);
  });

  it('keeps case, agent, script version, SIP call id, times, a marker per question, answers and outcome', async () => {
    const now = { t: Date.UTC(2026, 10, 25, 2) };
    const { s } = await setup(now);
    const { sessionId } = await s.sessions.open({ caseId: 'P2026-0001', agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: '2046-11-24' });
    await s.router.dispatch('session:setCallInfo', { sessionId, sipCallId: 'abc@host', startedAt: now.t, answeredAt: now.t + 4000 }, agent);
    await Promise.all([
      s.router.dispatch('session:marker', { sessionId, questionId: 'q-identity', at: now.t + 5000, answer: 'yes' }, agent),
      s.router.dispatch('session:marker', { sessionId, questionId: 'q-signed', at: now.t + 9000, answer: 'yes' }, agent),
    ]);
    await s.router.dispatch('session:marker', { sessionId, questionId: 'q-signed', at: now.t + 12_000, answer: 'no', reask: true }, agent);
    const closed = await s.router.dispatch(
      'session:close',
      { sessionId, answers: { 'q-identity': 'yes', 'q-signed': 'yes' }, outcome: 'standard', endedAt: now.t + 60_000 },
      agent,
    );
    expect(closed.ok).toBe(true);
    const got = await s.sessions.get(sessionId);
    expect(got).toMatchObject({
      caseId: 'P2026-0001',
      agentId: '1001',
      scriptId: 'xq',
      scriptVersion: '3',
      sipCallId: 'abc@host',
      answeredAt: now.t + 4000,
      endedAt: now.t + 60_000,
      outcome: 'standard',
      state: 'closed',
    });
    expect(
      got.markers
        .slice(0, 2)
        .map((m) => m.questionId)
        .sort(),
    ).toEqual(['q-identity', 'q-signed']); // concurrent markers are not lost
    expect(got.markers[2]).toEqual({ questionId: 'q-signed', at: now.t + 12_000, answer: 'no', reask: true }); // the re-ask flag is kept
    expect(got.markers.slice(0, 2).every((m) => !('reask' in m))).toBe(true);
    const list = await s.sessions.list({ caseId: 'P2026-0001', limit: 10 });
    expect(list.map((x) => x.id)).toEqual([sessionId]);
  });

  it("keeps the result's kind codes for QA (a session closed without them has none)", async () => {
    const now = { t: Date.UTC(2026, 10, 25, 2) };
    const { s } = await setup(now);
    const a = await s.sessions.open({ caseId: 'P2026-0002', agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
    const b = await s.sessions.open({ caseId: 'P2026-0003', agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
    expect(
      (await s.router.dispatch('session:close', { sessionId: a.sessionId, outcome: 'problem', kinds: ['forged_signature', 'mis_risk_coverage'] }, agent)).ok,
    ).toBe(true);
    expect((await s.router.dispatch('session:close', { sessionId: b.sessionId, outcome: 'standard' }, agent)).ok).toBe(true);
    expect((await s.sessions.get(a.sessionId)).kinds).toEqual(['forged_signature', 'mis_risk_coverage']);
    expect((await s.sessions.get(b.sessionId)).kinds).toBeUndefined();
  });

  it('is encrypted at rest: the file holds no case id or answer, and an altered file is refused', async () => {
    const now = { t: Date.UTC(2026, 10, 25) };
    const { s, dataDir } = await setup(now);
    const { sessionId } = await s.sessions.open({ caseId: 'P2026-SECRET', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: null });
    await s.sessions.close({ sessionId, answers: { q1: '本人签名' }, outcome: 'standard', outcomeNote: null });
    const file = path.join(dataDir, 'sessions', sessionId, 'session.enc');
    const raw = readFileSync(file);
    expect(raw.includes(Buffer.from('P2026-SECRET'))).toBe(false);
    expect(raw.includes(Buffer.from('本人签名'))).toBe(false);
    raw[raw.length - 1]! ^= 1;
    writeFileSync(file, raw);
    await expect(s.sessions.get(sessionId)).rejects.toThrow(/篡改/);
  });

  it('retention default is the longer rule: call + 20 years or contract end + 10 years (docs/domain.md §9, §11)', () => {
    const call = Date.UTC(2026, 10, 25);
    expect(new Date(retentionUntil(call, '2031-11-24')!).toISOString().slice(0, 10)).toBe('2046-11-25');
    expect(new Date(retentionUntil(call, '2060-06-30')!).toISOString().slice(0, 10)).toBe('2070-06-30');
    expect(retentionUntil(call, null)).toBeNull();
  });

  it('refuses deletion before retention end, without a contract end date, under legal hold, or by a non-admin; logs each attempt', async () => {
    const now = { t: Date.UTC(2026, 10, 25) };
    const { s } = await setup(now);
    const { sessionId } = await s.sessions.open({ caseId: 'P1', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: '2030-01-01' });
    const { sessionId: forever } = await s.sessions.open({ caseId: 'P2', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: null });
    const early = await s.router.dispatch('session:delete', { sessionId }, admin);
    expect(early).toMatchObject({ ok: false, error: { message: expect.stringMatching(/未到保存期限（2046-11-25 前不得删除）/) } });
    expect(await s.router.dispatch('session:delete', { sessionId: forever }, admin)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/永久保存/) },
    });
    now.t = Date.UTC(2046, 10, 26);
    expect(await s.router.dispatch('session:delete', { sessionId }, agent)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/无权删除/) } });
    expect((await s.router.dispatch('session:setLegalHold', { sessionId, hold: true, reason: '诉讼 (2046) 民初 1 号' }, admin)).ok).toBe(true);
    expect(await s.router.dispatch('session:delete', { sessionId }, admin)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/诉讼保全/) } });
    await s.router.dispatch('session:setLegalHold', { sessionId, hold: false }, admin);
    expect(await s.router.dispatch('session:delete', { sessionId }, admin)).toMatchObject({ ok: true });
    await expect(s.sessions.get(sessionId)).rejects.toThrow(/找不到/);
    const log = await s.accessLog.read();
    expect(log.map((e) => [e.action, e.who, e.allowed])).toEqual([
      ['delete', '9001', false],
      ['delete', '9001', false],
      ['delete', '1001', false],
      ['legalHold', '9001', true],
      ['delete', '9001', false],
      ['legalHold', '9001', true],
      ['delete', '9001', true],
    ]);
  });

  it('lists a session closed while its recording was still being finalised with the recording’s final state', async () => {
    const now = { t: Date.UTC(2026, 10, 25, 3) };
    const { s } = await setup(now);
    const { sessionId } = await s.sessions.open({ caseId: 'P2026-0009', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: null });
    await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    for (const [seq, c] of splitChunks(liveWebm(2), 4000).entries()) await s.recording.appendChunk(sessionId, seq, c);
    // The desk closes the session before the recorder's stop has reached the main process.
    await s.sessions.close({ sessionId, answers: {}, outcome: 'standard', outcomeNote: null });
    expect((await s.sessions.list({ caseId: 'P2026-0009', limit: 10 }))[0]).toMatchObject({ state: 'closed', recordingState: 'recording' });
    await s.recording.stop(sessionId);
    expect((await s.sessions.list({ caseId: 'P2026-0009', limit: 10 }))[0]).toMatchObject({ state: 'closed', recordingState: 'finalised' });
  });
});
