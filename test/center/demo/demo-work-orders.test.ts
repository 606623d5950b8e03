import { createContext } from '../../../center/start-center';
import { startHttpServer } from '../../../center/server/http-server';
import { seedDemo } from '../../../center/demo/seed-demo';
import { sqliteEngine } from '../support/engines';
import { consoleCall, consoleSignIn } from '../support/console-client';

// center/README.md (demo): the branch account 6001 / demo1234 finds work orders in the console.
describe('the demo centre shows the web console something to work', () => {
  it('branch staff 6001 signs in with demo1234 and sees four orders of 北京分公司 and its sub-branch, overdue first', async () => {
    const opened = await sqliteEngine.open();
    const today = '2026-03-10';
    await seedDemo(opened.store, today);
    const server = await startHttpServer(await createContext(opened.store, { today }), { host: '127.0.0.1', port: 0 });
    try {
      const signed = await consoleSignIn(server.url, '6001', 'demo1234');
      expect(signed.json.value.user).toMatchObject({ role: 'branch', branchCode: '8611' });
      const list = await consoleCall(server.url, 'GET', '/api/branch/work-orders', signed.browser!);
      const orders = list.json.value.orders as { kind: string; status: string; branchCode: string }[];
      expect(orders).toHaveLength(4);
      expect(orders[0].status).toBe('overdue');
      expect(new Set(orders.map((o) => o.branchCode))).toEqual(new Set(['8611', '861101']));
      expect(orders.map((o) => o.kind)).toContain('unsuccessful_handover');
      // The agents' demo queues are untouched: the four called cases left them.
      const queued = await opened.store.db
        .selectFrom('cases')
        .select('policy_no')
        .where('policy_no', 'like', 'DEMOWO%')
        .where('status', '=', 'assigned')
        .execute();
      expect(queued).toEqual([]);
    } finally {
      await server.close();
      await opened.dispose();
    }
  });
});
