import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CenterLinkState } from '../../../../shared/ipc/channels/center';
import { DEFAULT_CALLING_HOURS } from '../../../../shared/domain/calling-hours';
import type { PushItem } from '../../../../shared/sync';
import { CenterLinkService } from '../../../../main/services/center-link/center-link-service';
import { OfflineCredentials } from '../../../../main/services/center-link/offline-credentials';
import { FakeClient, liveState, roster, user } from './fake-center-client';

function link(client: FakeClient, states: CenterLinkState[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'center-link-'));
  return new CenterLinkService({
    clientFor: () => client,
    centerUrl: async () => 'http://127.0.0.1:7441',
    embedded: true,
    credentials: new OfflineCredentials(path.join(dir, 'offline.json')),
    onState: (s) => states.push(s),
    onChanged: () => undefined,
  });
}

const item: PushItem = {
  id: '0b7c3f0e-8f5e-4a43-9a38-7c1d2b9f0a11',
  kind: 'attempt',
  policyNo: 'P0001',
  occurredAt: '2026-11-25T10:00:00+08:00',
  data: { channel: 'phone', outcome: 'no_answer' },
};

describe('centre link', () => {
  it('signs in online, and refuses wrong credentials with the centre’s message', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.signIn('1001', 'nope')).toEqual({ kind: 'refused', code: 'bad_credentials', message: '工号或密码错误' });
    expect(await l.signIn('1001', 'demo1234')).toEqual({ kind: 'signed_in', user, mode: 'online' });
    expect(l.status().phase).toBe('online');
  });

  it('signs in offline only with credentials this workstation saw accepted, then reconnects and delivers', async () => {
    const client = new FakeClient();
    const first = link(client);
    client.up = false;
    expect(await first.signIn('1001', 'demo1234')).toMatchObject({ kind: 'offline' });
    client.up = true;
    await first.signIn('1001', 'demo1234');
    // Same workstation (same credential file), centre down at the next shift.
    const states: CenterLinkState[] = [];
    const second = new CenterLinkService({
      ...(first as unknown as { options: ConstructorParameters<typeof CenterLinkService>[0] }).options,
      onState: (s) => states.push(s),
    });
    client.up = false;
    client.session = null;
    expect(await second.signIn('1001', 'wrong')).toMatchObject({ kind: 'offline' });
    expect(await second.signIn('1001', 'demo1234')).toEqual({ kind: 'signed_in', user, mode: 'offline' });
    expect(second.status().phase).toBe('offline');
    expect(await second.push({ items: [item] })).toMatchObject({ kind: 'offline' });
    client.up = true;
    expect(await second.push({ items: [item] })).toEqual({ kind: 'ok', acks: [{ id: item.id, status: 'accepted' }] });
    expect(second.status().phase).toBe('online');
    expect(states.map((s) => s.phase)).toEqual(expect.arrayContaining(['offline', 'online']));
  });

  it('goes offline when the centre stops answering and back online when it answers again', async () => {
    const client = new FakeClient();
    const l = link(client);
    await l.signIn('1001', 'demo1234');
    client.up = false;
    expect(await l.pull({ cursor: null })).toMatchObject({ kind: 'offline', message: '无法连接回访中心' });
    expect(l.status()).toMatchObject({ phase: 'offline', user });
    client.up = true;
    expect(await l.pull({ cursor: null })).toMatchObject({ kind: 'ok' });
    expect(l.status().phase).toBe('online');
  });

  it('refuses centre calls when nobody is signed in', async () => {
    const l = link(new FakeClient());
    expect(await l.push({ items: [item] })).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
  });

  it('lists the roster like a pull: refused signed out, ok online, offline when unreachable, refused when the centre refuses', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.roster()).toEqual({ kind: 'refused', code: 'unauthenticated', message: '请先登录' });
    await l.signIn('1001', 'demo1234');
    expect(await l.roster()).toEqual({ kind: 'ok', roster });
    client.up = false;
    expect(await l.roster()).toEqual({ kind: 'offline', message: '无法连接回访中心' });
    expect(l.status().phase).toBe('offline');
    client.up = true;
    client.rosterAnswer = { ok: false, error: { code: 'wrong_team', message: { zh: '不是你的组', en: 'not your team' } } };
    expect(await l.roster()).toEqual({ kind: 'refused', code: 'wrong_team', message: '不是你的组' });
    client.rosterAnswer = { ok: false, error: { code: 'token_expired', message: { zh: '登录已过期', en: 'expired' } } };
    expect(await l.roster()).toMatchObject({ kind: 'refused', code: 'session_expired' });
    expect(l.status().phase).toBe('signed_out');
  });

  it('reads the desk settings like a pull: refused signed out, ok online, offline when unreachable', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.deskConfig()).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.deskConfig()).toEqual({
      kind: 'ok',
      config: {
        companyName: '测试人寿',
        maxAttempts: 4,
        callingHours: DEFAULT_CALLING_HOURS,
        inboundCallers: 'case',
        trainingAgents: [],
        localAudioDays: 30,
        boardAlerts: { longCallMinutes: 15, longWrapUpMinutes: 2, longPauseMinutes: 15 },
        calendarYears: {},
      },
    });
    client.up = false;
    expect(await l.deskConfig()).toMatchObject({ kind: 'offline' });
  });

  it('publishes the live state online; offline it answers offline and drops it (nothing queued, nothing re-sent)', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.publishLive(liveState)).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.publishLive(liveState)).toEqual({ kind: 'ok' });
    client.up = false;
    const later = { ...liveState, status: 'wrap_up' as const, call: null };
    expect(await l.publishLive(later)).toEqual({ kind: 'offline', message: '无法连接回访中心' });
    client.up = true;
    // Back online, a push or pull does not bring the dropped state along.
    await l.pull({ cursor: null });
    expect(client.published).toEqual([liveState]);
    client.liveAnswer = { ok: false, error: { code: 'rate_limited', message: { zh: '实时状态上报过于频繁', en: 'too often' } } };
    expect(await l.publishLive(liveState)).toEqual({ kind: 'refused', code: 'rate_limited', message: '实时状态上报过于频繁' });
    expect(l.status().phase).toBe('online');
  });

  it('reads the team live board (own team or a named one) and passes live notices of the push channel on', async () => {
    const client = new FakeClient();
    const notices: unknown[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'center-link-'));
    const l = new CenterLinkService({
      clientFor: () => client,
      centerUrl: async () => 'http://127.0.0.1:7441',
      embedded: true,
      credentials: new OfflineCredentials(path.join(dir, 'offline.json')),
      onState: () => undefined,
      onChanged: () => undefined,
      onLive: (staffNo, update) => notices.push(update ? [staffNo, update] : staffNo),
    });
    expect(await l.teamLive({})).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.teamLive({})).toMatchObject({ kind: 'ok', live: { team: 'A', agents: [{ staffNo: '1001', state: liveState }] } });
    expect(await l.teamLive({ team: 'B' })).toMatchObject({ kind: 'ok', live: { team: 'B' } });
    expect(client.teamAsked).toEqual([undefined, 'B']);
    client.subscribed?.onLive?.('1002');
    const update = { state: liveState, receivedAt: '2026-03-10T02:00:00.000Z' };
    client.subscribed?.onLive?.('1003', update);
    expect(notices).toEqual(['1002', ['1003', update]]);
    client.up = false;
    expect(await l.teamLive({})).toMatchObject({ kind: 'offline' });
  });

  it('passes listen-in grants, verdicts and ended legs through, refusals and offline as values', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.monitorGrant({ staffNo: '1001' })).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.monitorGrant({ staffNo: '1001' })).toMatchObject({ kind: 'ok', grant: { agent: '1001', sipUri: 'sip:1001@127.0.0.1' } });
    expect(await l.monitorGrant({ staffNo: '1002' })).toEqual({ kind: 'refused', code: 'conflict', message: '该坐席当前不在通话中，不能监听' });
    expect(await l.monitorVerify({ grant: 'good' })).toEqual({
      kind: 'ok',
      verdict: { verdict: 'valid', lead: '2001', leadName: '组长', expiresAt: '2026-11-25T02:00:30.000Z' },
    });
    expect(await l.monitorVerify({ grant: 'old' })).toMatchObject({ kind: 'ok', verdict: { verdict: 'refused', reason: 'expired' } });
    expect(await l.monitorEnded({ lead: '2001' })).toEqual({ kind: 'ok' });
    expect(client.endedLegs).toEqual(['2001']);
    client.up = false;
    expect(await l.monitorEnded({ lead: '2001' })).toMatchObject({ kind: 'offline' });
    expect(await l.monitorGrant({ staffNo: '1001' })).toMatchObject({ kind: 'offline' });
    expect(await l.monitorVerify({ grant: 'good' })).toMatchObject({ kind: 'offline' });
  });
});
