import { CenterClient, type ChannelState } from '../../../../main/services/center/center-client';
import { assignCases } from '../../../../center/assign/assign-cases';
import { getCaseRow } from '../../../../center/store/cases-repo';
import type { PushItem } from '../../../../shared/sync';
import { prepared, seedCases, PASSWORD } from '../../../center/support/seed';
import { post, loginAs, startTestCenter, type TestCenter } from '../../../center/support/in-process-center';

let center: TestCenter;
let holder: string;
// A one-second access token only where the refresh is under test: elsewhere a slow machine
// could let a token expire between login and use, which is not what those tests are about.
async function setUp(accessTtlSec?: number): Promise<void> {
  center = await startTestCenter({ accessTtlSec });
  await seedCases(center.context.store, [prepared('PC000001'), prepared('PC000002')]);
  await store().db.updateTable('users').set({ active: 0 }).where('staff_no', '=', '1002').execute();
  await assignCases(store(), { capacity: 60, actor: 'test' });
  await store().db.updateTable('users').set({ active: 1 }).where('staff_no', '=', '1002').execute();
  holder = '1001';
}
beforeEach(async () => setUp());
afterEach(async () => center.close());
const store = () => center.context.store;

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('CenterClient (workstation side)', () => {
  it('logs in, pulls a snapshot, pushes and repeats safely (same client id → duplicate)', async () => {
    const client = new CenterClient({ baseUrl: center.url });
    const bad = await client.login(holder, 'wrong-password');
    expect(bad.ok || bad.error.code).toBe('bad_credentials');
    expect((await client.login(holder, PASSWORD)).ok).toBe(true);
    const pull = await client.pull(null);
    expect(pull.ok && pull.value.upserts.map((u) => u.policyNo).sort()).toEqual(['PC000001', 'PC000002']);
    const item: PushItem = {
      id: crypto.randomUUID(),
      kind: 'attempt',
      policyNo: 'PC000001',
      occurredAt: new Date().toISOString(),
      data: { channel: 'phone', outcome: 'connected' },
    };
    const first = await client.push([item]);
    expect(first.ok && first.value.acks.map((a) => a.status)).toEqual(['accepted']);
    const again = await client.push([item]);
    expect(again.ok && again.value.acks[0].status).toBe('duplicate');
  });

  it('refreshes an expired access token by itself', async () => {
    await center.close();
    await setUp(1);
    const client = new CenterClient({ baseUrl: center.url });
    await client.login(holder, PASSWORD);
    const firstToken = client.session?.accessToken;
    await new Promise((r) => setTimeout(r, 1100));
    const pull = await client.pull(null);
    expect(pull.ok).toBe(true);
    expect(client.session?.accessToken).not.toBe(firstToken);
  });

  it('reports transport failures as values when the centre is gone', async () => {
    const client = new CenterClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    const r = await client.login(holder, PASSWORD);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('network');
  });

  it('the push channel announces a reassignment; it reconnects after the centre restarts', async () => {
    const client = new CenterClient({ baseUrl: center.url });
    await client.login('1002', PASSWORD);
    let changed = 0;
    const states: ChannelState[] = [];
    const stop = client.subscribe({ onChanged: () => changed++, onState: (s) => states.push(s), backoffMs: [50, 200], pollMs: 100_000 });
    await until(() => states.includes('open'));
    const base = changed; // one call on connect
    const lead = await loginAs(center.url, '2001');
    const r = await post(`${center.url}/api/team/reassign`, { policyNo: 'PC000001', toStaffNo: '1002' }, lead);
    expect(r.status).toBe(200);
    await until(() => changed > base);
    const pull = await client.pull(null);
    expect(pull.ok && pull.value.upserts.map((u) => u.policyNo)).toEqual(['PC000001']);

    // Restart the HTTP server on the same port: the channel closes and comes back by itself.
    const port = Number(new URL(center.url).port);
    await center.server.close();
    await until(() => states.includes('closed'));
    const { startHttpServer } = await import('../../../../center/server/http-server');
    const again = await startHttpServer(center.context, { host: '127.0.0.1', port });
    const opens = states.filter((s) => s === 'open').length;
    await until(() => states.filter((s) => s === 'open').length > opens);
    stop();
    await again.close();
    expect(states[states.length - 1]).toBe('stopped');
    expect((await getCaseRow(store().db, 'PC000001'))?.assigned_to).toBe('1002');
  });
});
