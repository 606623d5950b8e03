import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../../main/ipc/ipc-router';
import { KeptAddress } from '../../../../main/services/center-link/centre-address';
import { createCenterLink, type CenterLinkEnv } from '../../../../main/services/center-link/create-center-link';
import { startTestCenter, type TestCenter } from '../../../center/support/in-process-center';
import { PASSWORD } from '../../../center/support/seed';

const noSources = mkdtempSync(path.join(tmpdir(), 'no-sources-'));
const noMachineFile = path.join(noSources, 'none.json');

/** A desk's centre link on a fresh data dir, without the embedded centre's sources (a packaged app). */
function desk(env: Partial<CenterLinkEnv> = {}, dataDir = mkdtempSync(path.join(tmpdir(), 'address-desk-'))) {
  const router = new IpcRouter();
  const link = createCenterLink({ dataDir, emit: () => undefined }, router, {
    machineConfig: noMachineFile,
    projectRoot: noSources,
    ...env,
  });
  disposers.push(link.dispose);
  const call = async (channel: string, payload: unknown) => {
    const r = (await router.dispatch(channel, payload, { host: 'web', callerId: 't' })) as { ok: boolean; value?: unknown; error?: unknown };
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as Record<string, unknown>;
  };
  return { call, link: link.link, dataDir };
}

const disposers: (() => Promise<void>)[] = [];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// README "The case centre address": asked once at first run, checked before it is kept, changed
// later only by an administrator the current centre confirms; IT's machine-wide file is fixed.
describe('keeping and changing the centre address at a desk', () => {
  let a: TestCenter;
  let b: TestCenter;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestCenter(), startTestCenter()]);
  });
  afterAll(async () => {
    for (const d of disposers) await d();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('a packaged desk with no address asks for one; a bad one is refused and nothing is kept; a good one is kept and used at once', async () => {
    const d = desk();
    expect(await d.call('center:address', {})).toEqual({ source: 'none', url: null, change: 'open', machineFile: noMachineFile, machineFileError: null });
    expect(await d.call('center:signIn', { staffNo: '1001', password: PASSWORD })).toMatchObject({ kind: 'offline' });
    expect(await d.call('center:setAddress', { url: 'centre' })).toMatchObject({ kind: 'refused', problem: 'not_a_url' });
    expect(await d.call('center:setAddress', { url: `http://127.0.0.1:${await closedPort()}` })).toMatchObject({
      kind: 'refused',
      problem: 'connection_refused',
    });
    expect(await d.call('center:address', {})).toMatchObject({ source: 'none' });
    expect(await d.call('center:setAddress', { url: `${a.url}/` })).toEqual({
      kind: 'kept',
      address: { source: 'kept', url: a.url, change: 'admin', machineFile: noMachineFile, machineFileError: null },
    });
    // No restart: the link signs in at the kept centre.
    expect(await d.call('center:signIn', { staffNo: '1001', password: PASSWORD })).toMatchObject({ kind: 'signed_in', mode: 'online' });
    expect(d.link.status()).toMatchObject({ phase: 'online', url: a.url, embedded: false });
    // The address survives the desk: a new link on the same data dir finds it.
    expect(await desk({}, d.dataDir).call('center:address', {})).toMatchObject({ source: 'kept', url: a.url });
  });

  it('changing a kept address needs an administrator the current centre confirms, and nobody signed in', async () => {
    const d = desk();
    await d.call('center:setAddress', { url: a.url });
    await d.call('center:signIn', { staffNo: '1001', password: PASSWORD });
    expect(existsSync(path.join(d.dataDir, 'center-link', 'offline-credentials.json'))).toBe(true);
    const admin = { staffNo: '9001', password: PASSWORD };
    expect(await d.call('center:setAddress', { url: b.url, admin })).toMatchObject({ kind: 'refused', problem: 'signed_in' });
    await d.call('center:signOut', {});
    expect(await d.call('center:setAddress', { url: b.url })).toMatchObject({ kind: 'refused', problem: 'admin_required' });
    expect(await d.call('center:setAddress', { url: b.url, admin: { staffNo: '1001', password: PASSWORD } })).toMatchObject({
      kind: 'refused',
      problem: 'not_admin',
    });
    expect(await d.call('center:setAddress', { url: b.url, admin: { staffNo: '9001', password: 'wrong-one' } })).toMatchObject({
      kind: 'refused',
      problem: 'admin_refused',
    });
    expect(await d.call('center:address', {})).toMatchObject({ source: 'kept', url: a.url });
    expect(await d.call('center:setAddress', { url: b.url, admin })).toMatchObject({ kind: 'kept', address: { source: 'kept', url: b.url } });
    // The old centre's confirmations do not sign anyone in offline against the new one.
    expect(existsSync(path.join(d.dataDir, 'center-link', 'offline-credentials.json'))).toBe(false);
    expect(await d.call('center:signIn', { staffNo: '1002', password: PASSWORD })).toMatchObject({ kind: 'signed_in', mode: 'online' });
    expect(d.link.status().url).toBe(b.url);
  });

  it('when the current centre cannot confirm the administrator, the desk says IT must edit the machine-wide file', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'address-desk-'));
    await new KeptAddress(path.join(dataDir, 'center-link', 'centre-address.json')).keep(`http://127.0.0.1:${await closedPort()}`);
    const d = desk({}, dataDir);
    expect(await d.call('center:setAddress', { url: b.url, admin: { staffNo: '9001', password: PASSWORD } })).toMatchObject({
      kind: 'refused',
      problem: 'current_centre_unreachable',
    });
  });

  it('an address from the machine-wide file or the environment cannot be changed from the desk', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'machine-')), 'config.json');
    writeFileSync(file, JSON.stringify({ centerUrl: a.url }));
    const machine = desk({ machineConfig: file });
    expect(await machine.call('center:address', {})).toEqual({ source: 'machine', url: a.url, change: 'fixed', machineFile: file, machineFileError: null });
    expect(await machine.call('center:setAddress', { url: b.url, admin: { staffNo: '9001', password: PASSWORD } })).toMatchObject({
      kind: 'refused',
      problem: 'fixed_by_machine',
    });
    expect(await machine.call('center:signIn', { staffNo: '1001', password: PASSWORD })).toMatchObject({ kind: 'signed_in', mode: 'online' });
    const env = desk({ centerUrl: b.url, machineConfig: file });
    expect(await env.call('center:address', {})).toMatchObject({ source: 'env', url: b.url, change: 'fixed' });
    expect(await env.call('center:setAddress', { url: a.url })).toMatchObject({ kind: 'refused', problem: 'fixed_by_environment' });
  });

  it('IT deploying the machine-wide file while the desk runs takes effect at the next sign-in screen', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'machine-')), 'config.json');
    const d = desk({ machineConfig: file });
    await d.call('center:setAddress', { url: a.url });
    writeFileSync(file, JSON.stringify({ centerUrl: b.url }));
    expect(await d.call('center:address', {})).toMatchObject({ source: 'machine', url: b.url });
    expect(await d.call('center:signIn', { staffNo: '1001', password: PASSWORD })).toMatchObject({ kind: 'signed_in' });
    expect(d.link.status().url).toBe(b.url);
  });
});
