import { pgAvailable, postgresEngine } from './support/engines';
import { prepared, seedCases, seedUsers, PASSWORD, TODAY } from './support/seed';
import { startCenter, type RunningCenter } from '../../center/start-center';
import { assignCases } from '../../center/assign/assign-cases';
import { CenterClient, type ChannelState } from '../../main/services/center/center-client';
import { loginAs, post } from './support/in-process-center';

const hasPg = await pgAvailable();

const until = async (cond: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(!hasPg)('two centre processes on one PostgreSQL', () => {
  it('a reassignment made through one centre reaches a workstation connected to the other (LISTEN/NOTIFY)', async () => {
    const opened = await postgresEngine.open();
    const centres: RunningCenter[] = [];
    try {
      await seedUsers(opened.store);
      await seedCases(opened.store, [prepared('PM000001')]);
      await opened.store.db.updateTable('users').set({ active: 0 }).where('staff_no', '=', '1002').execute();
      await assignCases(opened.store, { capacity: 10, actor: 'test' });
      await opened.store.db.updateTable('users').set({ active: 1 }).where('staff_no', '=', '1002').execute();
      for (let i = 0; i < 2; i++) {
        const s = await startCenter({ store: opened.config, listen: { host: '127.0.0.1', port: 0 }, today: TODAY });
        if (!s.ok) throw new Error(s.message);
        centres.push(s.center);
      }
      const [a, b] = centres;
      const client = new CenterClient({ baseUrl: a.url });
      expect((await client.login('1002', PASSWORD)).ok).toBe(true);
      let changed = 0;
      const states: ChannelState[] = [];
      const stop = client.subscribe({ onChanged: () => changed++, onState: (s) => states.push(s), pollMs: 600_000 });
      await until(() => states.includes('open'));
      const before = changed;
      const lead = await loginAs(b.url, '2001');
      const r = await post(`${b.url}/api/team/reassign`, { policyNo: 'PM000001', toStaffNo: '1002' }, lead);
      expect(r.status).toBe(200);
      await until(() => changed > before);
      const pulled = await client.pull(null);
      expect(pulled.ok && pulled.value.upserts.map((u) => u.policyNo)).toEqual(['PM000001']);
      stop();
    } finally {
      for (const c of centres) await c.close();
      await opened.dispose();
    }
  });
});
