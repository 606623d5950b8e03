import { consoleSessionSchema } from '../../shared/sync/branch-console';
import { createContext } from '../../center/start-center';
import { startHttpServer } from '../../center/server/http-server';
import { openStore } from '../../center/store/open-store';
import { readAudit } from '../../center/store/audit-repo';
import { setCenterClock } from '../../center/store/clock';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';
import { addBranchUser, consoleCall, consoleSignIn } from './support/console-client';

const engines = await enginesUnderTest();
const MIN = 60_000;

// center/README.md "Web console": cookie sessions with CSRF, 30 min idle, 12 h absolute.
describe.each(engines)('console sessions on $name', (engine) => {
  let center: TestCenter;
  let base: number;
  let offset = 0;
  beforeAll(async () => {
    center = await startTestCenter({ engine });
    await addBranchUser(center.context.store, '5001', '8611', '北京分公司');
  });
  afterAll(async () => center.close());
  beforeEach(() => {
    base = Date.now();
    offset = 0;
    setCenterClock(() => base + offset);
  });
  afterEach(() => setCenterClock());

  it('sign-in sets an HttpOnly, SameSite=Strict session cookie (no Secure over plain HTTP) and answers the CSRF token', async () => {
    const r = await consoleSignIn(center.url, '5001');
    expect(r.status).toBe(200);
    const session = consoleSessionSchema.parse(r.json.value);
    expect(session.user).toMatchObject({ staffNo: '5001', role: 'branch', branchCode: '8611', branchName: '北京分公司' });
    const attrs = r.browser!.setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(attrs).not.toContain('secure');
    const again = await consoleCall(center.url, 'GET', '/api/console/session', r.browser!);
    expect(again.json.value.csrfToken).toBe(session.csrfToken);
    expect((await readAudit(center.context.store, { actor: '5001', action: 'console.sign_in' })).length).toBeGreaterThan(0);
  });

  it('a wrong password is refused as on the desk; agents are refused the console (they work on the desk); both audited', async () => {
    const wrong = await consoleSignIn(center.url, '5001', 'wrong-password');
    expect([wrong.status, wrong.json.error.code, wrong.browser]).toEqual([401, 'bad_credentials', undefined]);
    const agent = await consoleSignIn(center.url, '1001');
    expect([agent.status, agent.json.error.code, agent.browser]).toEqual([403, 'forbidden', undefined]);
    expect(await readAudit(center.context.store, { actor: '5001', action: 'console.sign_in_failed' })).toHaveLength(1);
    expect(await readAudit(center.context.store, { actor: '1001', action: 'console.sign_in_refused' })).toHaveLength(1);
  });

  it('an unsafe request with the cookie but without, or with a wrong, x-csrf-token is 403 csrf_failed and changes nothing', async () => {
    const { browser } = await consoleSignIn(center.url, '5001');
    for (const csrf of [null, 'x'.repeat(43), `${browser!.csrf}x`]) {
      const out = await consoleCall(center.url, 'DELETE', '/api/console/session', browser!, undefined, csrf);
      expect([out.status, out.json.error.code]).toEqual([403, 'csrf_failed']);
    }
    // Still signed in: the refused sign-outs revoked nothing.
    expect((await consoleCall(center.url, 'GET', '/api/console/session', browser!)).status).toBe(200);
  });

  it('a session ends after 30 idle minutes; each request restarts the idle clock', async () => {
    const { browser } = await consoleSignIn(center.url, '5001');
    offset = 29 * MIN;
    expect((await consoleCall(center.url, 'GET', '/api/branch/work-orders', browser!)).status).toBe(200);
    offset = 58 * MIN;
    expect((await consoleCall(center.url, 'GET', '/api/branch/work-orders', browser!)).status).toBe(200);
    offset = 88 * MIN;
    const idle = await consoleCall(center.url, 'GET', '/api/branch/work-orders', browser!);
    expect([idle.status, idle.json.error.code]).toEqual([401, 'unauthenticated']);
  });

  it('a session ends 12 hours after sign-in however busy it is', async () => {
    const { browser } = await consoleSignIn(center.url, '5001');
    for (offset = 25 * MIN; offset < 12 * 60 * MIN; offset += 25 * MIN) {
      expect((await consoleCall(center.url, 'GET', '/api/console/session', browser!)).status).toBe(200);
    }
    offset = 12 * 60 * MIN + MIN;
    expect((await consoleCall(center.url, 'GET', '/api/console/session', browser!)).status).toBe(401);
  });

  it('a sign-in clears the sessions that ended more than a day ago, so the table keeps about a day of sign-ins', async () => {
    await consoleSignIn(center.url, '5001');
    const rows = () => center.context.store.db.selectFrom('console_sessions').select('staff_no').execute();
    expect((await rows()).length).toBeGreaterThan(0);
    offset = 37 * 60 * MIN; // past the 12 h end of every session above, plus a day
    const { browser } = await consoleSignIn(center.url, '5001');
    expect(await rows()).toHaveLength(1);
    expect((await consoleCall(center.url, 'GET', '/api/console/session', browser!)).status).toBe(200);
  });

  it('sign-out revokes the session and clears the cookie; the old cookie then gets 401', async () => {
    const { browser } = await consoleSignIn(center.url, '5001');
    const out = await consoleCall(center.url, 'DELETE', '/api/console/session', browser!);
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/hf_session=;.*Expires=Thu, 01 Jan 1970/i);
    const after = await consoleCall(center.url, 'GET', '/api/branch/work-orders', browser!);
    expect([after.status, after.json.error.code]).toEqual([401, 'unauthenticated']);
    expect((await readAudit(center.context.store, { actor: '5001', action: 'console.sign_out' })).length).toBeGreaterThan(0);
  });

  it('the desk keeps its Bearer token: no cookie, no CSRF header needed', async () => {
    const token = await loginAs(center.url, '9001');
    expect((await get(`${center.url}/api/branch/work-orders`, token)).status).toBe(200);
  });

  it('a session is in the store: a second centre on the same database accepts it, and sign-out there ends it everywhere', async () => {
    const { browser } = await consoleSignIn(center.url, '5001');
    const opened = await openStore(center.storeConfig);
    if (!opened.ok) throw new Error(opened.message);
    const second = await startHttpServer(await createContext(opened.store), { host: '127.0.0.1', port: 0 });
    try {
      expect((await consoleCall(second.url, 'GET', '/api/console/session', browser!)).json.value.user.staffNo).toBe('5001');
      expect((await consoleCall(second.url, 'DELETE', '/api/console/session', browser!)).status).toBe(200);
      expect((await consoleCall(center.url, 'GET', '/api/console/session', browser!)).status).toBe(401);
    } finally {
      await second.close();
      await opened.store.close();
    }
  });

  it('an admin creates branch staff with their branch (README "Web console"); a branch user without one is refused', async () => {
    const token = await loginAs(center.url, '9001');
    const user = { staffNo: '5009', name: '分支新人', role: 'branch', team: 'A', password: 'branch-pass-1' };
    const missing = await post(`${center.url}/api/admin/users`, user, token);
    expect([missing.status, missing.json.error.code]).toEqual([400, 'invalid_request']);
    const notBranch = await post(`${center.url}/api/admin/users`, { ...user, role: 'qa', branchCode: '8611', branchName: '北京分公司' }, token);
    expect(notBranch.status).toBe(400);
    const created = await post(`${center.url}/api/admin/users`, { ...user, branchCode: '861102', branchName: '海淀支公司' }, token);
    expect(created.status).toBe(200);
    const signed = await consoleSignIn(center.url, '5009', 'branch-pass-1');
    expect(signed.json.value.user).toMatchObject({ role: 'branch', branchCode: '861102', branchName: '海淀支公司' });
  });
});

// center/README.md "Web console": the same sign-in rate limit as /api/auth/login.
describe('console sign-in rate limit', () => {
  it('past the limit one address and staff number gets 429 rate_limited, even with the right password', async () => {
    const center = await startTestCenter({ limits: { signInPerMinute: 2 } });
    try {
      await addBranchUser(center.context.store, '5001', '8611');
      for (let i = 0; i < 2; i++) expect((await consoleSignIn(center.url, '5001', 'wrong-wrong')).status).toBe(401);
      const blocked = await consoleSignIn(center.url, '5001');
      expect([blocked.status, blocked.json.error.code, blocked.browser]).toEqual([429, 'rate_limited', undefined]);
    } finally {
      await center.close();
    }
  });
});
