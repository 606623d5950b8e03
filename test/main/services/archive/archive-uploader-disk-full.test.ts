import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveUploader } from '../../../../main/services/archive/archive-uploader';
import { httpArchiveCentre } from '../../../../main/services/archive/archive-centre';
import { nodeRecordingFs } from '../../../../main/services/recording/recording-fs';
import { readAudit } from '../../../../center/store/audit-repo';
import { loginAs, startTestCenter, type TestCenter } from '../../../center/support/in-process-center';
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from '../../../center/support/small-disk';
import { buildServices, liveWebm, splitChunks, tempDataDir } from '../recording/support';

// ≈ 400 s of stereo Opus at 48 kbit/s: a container of a few MiB, more than the centre's disk holds.
const chunks = splitChunks(liveWebm(400), 64 * 1024);
const MiB = 1024 * 1024;

describe.skipIf(!canMountSmallDisk)('ArchiveUploader against a centre whose disk is full: retried later, never set aside (README "Evidence archive")', () => {
  let center: TestCenter;
  let disk: SmallDisk;
  let token: string;

  // A real full file system: the centre's archive on a 1.5 MiB tmpfs (root only; skipped elsewhere).
  beforeAll(async () => {
    disk = mountSmallDisk(1.5 * MiB)!;
    center = await startTestCenter({ archiveDir: disk.dir });
    token = await loginAs(center.url, '1001');
  });
  afterAll(async () => {
    await center.close();
    disk.unmount();
  });

  it('a 507 mid-upload leaves the session waiting with the bytes the centre lacks; with space back the next run resumes and archives it', async () => {
    const dataDir = tempDataDir();
    const s = await buildServices({ dataDir });
    const { sessionId: id } = await s.sessions.open({
      caseId: 'P2026-0001',
      agentId: '1001',
      scriptId: 'xq-standard',
      scriptVersion: '3',
      contractEndDate: null,
    });
    await s.recording.start(id, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
    for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(id, seq, c);
    await s.recording.stop(id);
    await s.sessions.close({ sessionId: id, answers: { identity: '是' }, outcome: 'standard', outcomeNote: null });
    const container = readFileSync(path.join(dataDir, 'sessions', id, 'audio.webm.enc'));
    expect(container.length).toBeGreaterThan(2 * MiB);

    const statuses: number[] = [];
    const centre = httpArchiveCentre({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        statuses.push(res.status);
        return res;
      },
      endpoint: async () => ({ ok: true, value: { baseUrl: center.url, accessToken: token } }),
    });
    const uploader = new ArchiveUploader({ dataDir, fs: nodeRecordingFs(), sessions: s.sessions, recordingKey: s.recordingKey, centre });

    expect(await uploader.upload('1001', id)).toMatchObject({ kind: 'waiting', bytesLeft: container.length - MiB });
    expect(statuses.at(-1)).toBe(507);
    expect(existsSync(path.join(dataDir, 'sessions', id, 'archive.json'))).toBe(false);
    const audited = await readAudit(center.context.store, { action: 'archive.storage_full' });
    expect(audited.map((a) => a.target)).toContain(id);

    disk.resize(16 * MiB);
    expect(await uploader.upload('1001', id)).toEqual({ kind: 'archived' });
    const sha = JSON.parse(readFileSync(path.join(dataDir, 'sessions', id, 'archive.json'), 'utf8')).sha256 as string;
    expect(readFileSync(path.join(disk.dir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha)).equals(container)).toBe(true);
  });
});
