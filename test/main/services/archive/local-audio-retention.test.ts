import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpArchiveCentre } from '../../../../main/services/archive/archive-centre';
import { ArchiveFetcher } from '../../../../main/services/archive/archive-fetcher';
import { httpArchiveQaCentre } from '../../../../main/services/archive/archive-qa-centre';
import { ArchiveUploader } from '../../../../main/services/archive/archive-uploader';
import { LocalAudioRetention } from '../../../../main/services/archive/local-audio-retention';
import { retentionDays } from '../../../../main/services/archive/retention-days';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import { roleBasedPolicy } from '../../../../main/services/recording/access-policy';
import { nodeRecordingFs } from '../../../../main/services/recording/recording-fs';
import { loginAs, startTestCenter, type TestCenter } from '../../../center/support/in-process-center';
import { buildServices, liveWebm, splitChunks, tempDataDir } from '../recording/support';

const DAY = 86_400_000;
const source = liveWebm(30);
const admin = { host: 'web' as const, callerId: 'admin-window' };

/**
 * The desk's local-audio retention (README "Evidence archive"; docs/domain.md §9: the evidence is
 * kept at the centre ≥ 20 years, the desk only frees its copy): the audio goes `localAudioDays`
 * after the centre acknowledged the archive, never before, never unarchived, never under a desk
 * legal hold; the session record stays; replaying fetches the audio back from the centre.
 */
describe('LocalAudioRetention: the desk deletes archived audio after its retention days and gets it back from the centre', () => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(tmpdir(), 'huifang-retention-centre-'));
    center = await startTestCenter({ archiveDir });
    for (const s of ['1001', '3001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  /** A desk whose clock the test moves, with `count` closed recorded calls of agent 1001. */
  async function desk(count: number) {
    const clock = { now: Date.UTC(2026, 5, 1) };
    const dataDir = tempDataDir();
    const d = await buildServices({ dataDir, now: () => clock.now, policy: roleBasedPolicy(() => ({ userId: '9001', role: 'admin' })) });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { sessionId } = await d.sessions.open({ caseId: `P2026-000${i}`, agentId: '1001', scriptId: 'xq', scriptVersion: '3', contractEndDate: null });
      await d.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
      for (const [seq, c] of splitChunks(source, 64 * 1024).entries()) await d.recording.appendChunk(sessionId, seq, c);
      await d.recording.stop(sessionId);
      await d.sessions.close({ sessionId, answers: { identity: '是' }, outcome: 'standard', outcomeNote: null });
      ids.push(sessionId);
    }
    const endpoint = (as: string) => async () => ({ ok: true as const, value: { baseUrl: center.url, accessToken: tokens[as]! } });
    const uploader = new ArchiveUploader({
      dataDir,
      fs: nodeRecordingFs(),
      sessions: d.sessions,
      recordingKey: d.recordingKey,
      centre: httpArchiveCentre({ endpoint: endpoint('1001') }),
      now: () => clock.now,
    });
    const days = { value: 30 as number | null };
    const retention = new LocalAudioRetention({
      dataDir,
      fs: nodeRecordingFs(),
      sessions: d.sessions,
      accessLog: d.accessLog,
      days: retentionDays(dataDir, nodeRecordingFs(), async () => days.value),
      now: () => clock.now,
    });
    const fetcher = new ArchiveFetcher({
      dataDir,
      fs: nodeRecordingFs(),
      secrets: nodeSecretProtector(d.key),
      sessionsKey: d.sessionsKey,
      centre: httpArchiveQaCentre({ workstation: 'agent-desk/1', endpoint: endpoint('3001') }),
      onAudioRestored: (id) => d.sessions.setAudioDeleted(id, null),
    });
    const container = (id: string) => path.join(dataDir, 'sessions', id, 'audio.webm.enc');
    return { d, ids, clock, uploader, retention, fetcher, days, container, dataDir };
  }

  it('keeps unarchived audio; deletes archived audio only after the setting’s days, keeping the record and logging each deletion', async () => {
    const x = await desk(2);
    x.clock.now += 400 * DAY;
    expect(await x.retention.run()).toBe(0); // nothing acknowledged by the centre yet
    expect(existsSync(x.container(x.ids[0]!))).toBe(true);

    for (const id of x.ids) expect(await x.uploader.upload('1001', id)).toEqual({ kind: 'archived' });
    x.clock.now += 29 * DAY;
    expect(await x.retention.run()).toBe(0);
    await x.d.sessions.setLegalHold(x.ids[1]!, true, '诉讼', admin);
    x.clock.now += 1 * DAY;
    expect(await x.retention.run()).toBe(1);
    expect(existsSync(x.container(x.ids[0]!))).toBe(false);
    expect(existsSync(x.container(x.ids[1]!)), 'a desk legal hold keeps the audio').toBe(true);

    const kept = await x.d.sessions.get(x.ids[0]!);
    expect(kept.answers).toEqual({ identity: '是' });
    expect(kept.recording.manifest).not.toBeNull();
    expect(kept.recording.audioDeletedAt).toBe(x.clock.now);
    const listed = await x.d.sessions.list({ limit: 10 });
    expect(listed.find((s) => s.id === x.ids[0])?.audioAtCentre).toBe(true);
    expect(listed.find((s) => s.id === x.ids[1])?.audioAtCentre).toBeUndefined();

    const log = await x.d.accessLog.read();
    const deletions = log.filter((e) => e.action === 'audio_deleted');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]).toMatchObject({ sessionId: x.ids[0], allowed: true, caller: 'main/audio-retention' });
    expect(deletions[0]!.detail).toContain('desk keeps 30 days');
    expect(await x.retention.run()).toBe(0); // done once
  }, 60_000);

  it('0 days deletes right after the acknowledgement; the last setting holds offline; replaying fetches the very container back from the centre', async () => {
    const x = await desk(1);
    const id = x.ids[0]!;
    const original = readFileSync(x.container(id));
    expect(await x.uploader.upload('1001', id)).toEqual({ kind: 'archived' });
    x.days.value = 0;
    expect(await x.retention.run()).toBe(1);
    expect(JSON.parse(readFileSync(path.join(x.dataDir, 'audio-retention.json'), 'utf8'))).toEqual({ localAudioDays: 0 });

    expect(await x.fetcher.fetch(id, 'qa')).toEqual({ kind: 'ok', source: 'centre', bytes: original.length });
    expect(readFileSync(x.container(id)).equals(original)).toBe(true);
    expect((await x.d.sessions.get(id)).recording.audioDeletedAt).toBeUndefined();
    expect((await x.d.recording.decrypt(id)).bytes.length).toBeGreaterThan(source.length * 0.9);
    expect(await x.fetcher.fetch(id, 'qa')).toEqual({ kind: 'ok', source: 'local', bytes: 0 });

    // Offline the remembered 0 holds: the fetched-back audio goes again at the next run.
    x.days.value = null;
    expect(await x.retention.run()).toBe(1);
    expect(existsSync(x.container(id))).toBe(false);
  }, 60_000);
});
