import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../../main/ipc/ipc-router';
import { createCenterLink } from '../../../../main/services/center-link/create-center-link';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('centre link against the real embedded centre (tsx center/cli.ts serve --demo)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'embedded-link-'));
  const router = new IpcRouter();
  const events: string[] = [];
  const { dispose } = createCenterLink({ dataDir, emit: (name) => events.push(name) }, router, {
    centerUrl: undefined,
    machineConfig: path.join(dataDir, 'no-machine-config.json'),
    projectRoot: root,
  });
  afterAll(() => dispose());
  const call = (channel: string, payload: unknown) => router.dispatch(channel, payload, { host: 'web', callerId: 't' });

  it('in a checkout with no address configured, the embedded demo centre is the default and the first real address is open to enter', async () => {
    expect(await call('center:address', {})).toEqual({
      ok: true,
      value: { source: 'embedded', url: null, change: 'open', machineFile: path.join(dataDir, 'no-machine-config.json'), machineFileError: null },
    });
  });

  it('starts the centre, signs the demo agent in, pulls the demo queue, pushes an attempt exactly once and reads the roster', async () => {
    const signIn = await call('center:signIn', { staffNo: '1001', password: 'demo1234' });
    expect(signIn).toMatchObject({ ok: true, value: { kind: 'signed_in', mode: 'online' } });
    const pull = await call('center:pull', { cursor: null });
    expect(pull).toMatchObject({ ok: true, value: { kind: 'ok', response: { snapshot: true } } });
    const upserts = (pull as { value: { response: { upserts: { policyNo: string }[] } } }).value.response.upserts;
    expect(upserts.length).toBeGreaterThan(0);
    const item = {
      id: '6c1d9a52-4a3e-4c1f-9d1e-2f3a4b5c6d7e',
      kind: 'attempt',
      policyNo: upserts[0].policyNo,
      occurredAt: '2026-11-25T10:00:00+08:00',
      data: { channel: 'phone', outcome: 'no_answer' },
    };
    expect(await call('center:push', { items: [item] })).toMatchObject({ ok: true, value: { kind: 'ok', acks: [{ status: 'accepted' }] } });
    expect(await call('center:push', { items: [item] })).toMatchObject({ ok: true, value: { kind: 'ok', acks: [{ status: 'duplicate' }] } });
    expect(events).toContain('center:status');
    const roster = await call('center:roster', {});
    expect(roster).toMatchObject({ ok: true, value: { kind: 'ok', roster: { team: 'A' } } });
    const members = (roster as { value: { roster: { members: { staffNo: string; role: string }[] } } }).value.roster.members;
    expect(members.map((m) => [m.staffNo, m.role])).toEqual([
      ['1001', 'agent'],
      ['1002', 'agent'],
      ['2001', 'team_lead'],
    ]);
  }, 20_000); // starts a real centre (SQLite, scrypt sign-in): seconds on a loaded 2-core machine
});
