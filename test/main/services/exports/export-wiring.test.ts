import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../../main/services/create-services';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import { liveWebm, splitChunks } from '../recording/support';

/** Per-packet size and MD5 of the audio, copied without decoding (ffmpeg framemd5; side data left out). */
function audioPackets(file: string): string[] {
  const out = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-map', '0:a', '-c', 'copy', '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').slice(4, 6).join(',').trim());
}

function tags(file: string): Record<string, string> {
  const t = (JSON.parse(execFileSync('ffprobe', ['-loglevel', 'error', '-show_format', '-of', 'json', file], { encoding: 'utf8' })) as Json).format.tags;
  return Object.fromEntries(Object.entries(t as Record<string, string>).map(([k, v]) => [k.replace(/^MOVIE\//, ''), v]));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Recording exports through the host (README "Recording exports"; docs/domain.md §9): an agent's call is
 * archived at the embedded demo centre, QA asks for a copy, the department head (demo 8001) approves,
 * and QA's one download goes through main — Electron's save dialog first, the web host's browser download.
 */
describe.each(['electron', 'web'] as const)('export:* through the %s host (embedded demo centre)', (host) => {
  let services: MainServices;
  let dataDir: string;
  const source = liveWebm(3);
  const sourceFile = path.join(mkdtempSync(path.join(tmpdir(), 'hf-export-src-')), 'source.webm');
  writeFileSync(sourceFile, source);
  let choice: string | null = null;
  const caller = { host, callerId: `${host}-1` } as const;
  const raw = (channel: string, payload: unknown) => services.router.dispatch(channel as never, payload as never, caller);
  const call = async (channel: string, payload: unknown): Promise<Json> => {
    const r = await raw(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  const as = async (staffNo: string) => {
    await call('center:signOut', {});
    expect(await call('center:signIn', { staffNo, password: 'demo1234' })).toMatchObject({ kind: 'signed_in' });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hf-export-wiring-'));
    services = await createMainServices({
      host,
      version: '0.0.0-test',
      platform: 'linux',
      dataDir,
      secrets: nodeSecretProtector(Buffer.alloc(32, 7)),
      displayKeeper: { keepAwake: () => () => undefined },
      emit: () => undefined,
      ...(host === 'electron' ? { chooseSavePath: async () => choice } : {}),
    });
  }, 60_000);
  afterAll(() => services.dispose());

  it('payloads are validated: a session id, a reason, an export id, a refusal with a comment', async () => {
    const bad = await raw('export:request', { sessionId: 'bad!id', reason: '' });
    expect(!bad.ok && bad.error.code).toBe('invalid_payload');
    expect(!bad.ok && bad.error.issues?.map((i) => i.path)).toEqual(['sessionId', 'reason']);
    const noWhy = await raw('export:decide', { exportId: 'EX-0123456789abcdef', decision: 'refuse' });
    expect(!noWhy.ok && noWhy.error.issues?.map((i) => i.path)).toEqual(['comment']);
    const badId = await raw('export:download', { exportId: '../../etc/passwd' });
    expect(!badId.ok && badId.error.code).toBe('invalid_payload');
    expect((await raw('export:mine', { extra: 1 })).ok).toBe(false);
  });

  it('request → department head approves → the one download carries the watermark and the call’s audio packets', async () => {
    await as('1001');
    const { sessionId } = await call('session:open', { caseId: 'P2026-0001' });
    await call('recording:start', { sessionId });
    for (const [seq, c] of splitChunks(source, 6000).entries()) await call('recording:chunk', { sessionId, seq, data: c.toString('base64') });
    await call('recording:stop', { sessionId });
    await call('session:close', { sessionId, outcome: 'standard' });
    expect(await call('archive:upload', { sessionId, callUp: false })).toEqual({ kind: 'archived' });

    await as('3001');
    const asked = await call('export:request', { sessionId, reason: '客户投诉，需提交监管' });
    expect(asked).toMatchObject({ kind: 'ok', row: { status: 'pending', requestedBy: '3001' } });
    const id = asked.row.id as string;
    expect(await call('export:download', { exportId: id })).toMatchObject({ kind: 'refused', code: 'pending' });
    expect(await call('export:pending', {})).toMatchObject({ kind: 'refused', code: 'forbidden' });

    await as('8001');
    expect((await call('export:pending', {})).items.map((r: Json) => r.id)).toEqual([id]);
    expect(await call('export:decide', { exportId: id, decision: 'approve', comment: '同意' })).toMatchObject({
      kind: 'ok',
      row: { status: 'approved', decidedBy: '8001' },
    });

    await as('3001');
    let file: string;
    if (host === 'electron') {
      choice = null; // the dialog cancelled: nothing downloaded, the approval still usable
      expect(await call('export:download', { exportId: id })).toEqual({ kind: 'cancelled' });
      choice = path.join(dataDir, 'chosen.webm');
      const saved = await call('export:download', { exportId: id });
      expect(saved).toMatchObject({ kind: 'saved', path: choice });
      file = choice;
    } else {
      const offered = await call('export:download', { exportId: id });
      expect(offered).toMatchObject({ kind: 'offer', fileName: `huifang-${sessionId}-${id}.webm` });
      file = path.join(dataDir, 'offered.webm');
      writeFileSync(file, Buffer.from(offered.base64, 'base64'));
    }
    const t = tags(file);
    expect(t).toMatchObject({ HUIFANG_APPROVAL_ID: id, HUIFANG_EXPORT_REQUESTER: '3001 演示质检', HUIFANG_APPROVED_BY: '8001', HUIFANG_SESSION_ID: sessionId });
    expect(Date.parse(t.HUIFANG_EXPORT_EXPIRES_AT) - Date.parse(t.HUIFANG_APPROVED_AT)).toBe(24 * 3600_000);
    expect(audioPackets(file)).toEqual(audioPackets(sourceFile));
    expect(readFileSync(file).length).toBeGreaterThan(1000);

    expect(await call('export:download', { exportId: id })).toMatchObject({ kind: 'refused', code: 'downloaded' });
    expect((await call('export:mine', {})).items[0]).toMatchObject({ id, status: 'downloaded' });
  }, 60_000);
});
