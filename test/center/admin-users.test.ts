import { readAudit } from '../../center/store/audit-repo';
import { findUser } from '../../center/store/users-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter, type Json } from './support/in-process-center';
import { consoleCall, consoleSignIn } from './support/console-client';
import { PASSWORD } from './support/seed';

const engines = await enginesUnderTest();

async function put(url: string, body: unknown, token: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const newAgent = { staffNo: '1201', name: '新坐席', role: 'agent', team: 'B', languages: ['mandarin', 'cantonese'], password: 'first-pass-1' };

// README "Web console" → administration: accounts are created, changed, deactivated and reset by admins only, every change audited.
describe.each(engines)('accounts administered in the console on $name', (engine) => {
  let center: TestCenter;
  let admin: string;
  beforeAll(async () => {
    center = await startTestCenter({ engine });
    admin = await loginAs(center.url, '9001');
  });
  afterAll(async () => center.close());

  it('lists every account with its role, team, skills, branch and active flag, never a password hash', async () => {
    const r = await get(`${center.url}/api/admin/users`, admin);
    expect(r.status).toBe(200);
    expect(r.json.value.find((u: Json) => u.staffNo === '1002')).toEqual({
      staffNo: '1002',
      name: '坐席乙',
      role: 'agent',
      team: 'A',
      languages: ['mandarin', 'cantonese'],
      active: true,
      branchCode: null,
      branchName: null,
    });
    expect(JSON.stringify(r.json.value)).not.toMatch(/scrypt|passwordHash/);
  });

  it('creates an account that can sign in; the same staff number again is 409 conflict and leaves the first account as it was', async () => {
    expect((await post(`${center.url}/api/admin/users`, newAgent, admin)).status).toBe(200);
    await loginAs(center.url, '1201', 'first-pass-1');
    const dup = await post(`${center.url}/api/admin/users`, { ...newAgent, name: '冒名', role: 'admin', password: 'other-pass-9' }, admin);
    expect([dup.status, dup.json.error.code]).toEqual([409, 'conflict']);
    expect(dup.json.error.message.zh).toContain('1201 已存在');
    expect(await findUser(center.context.store, '1201')).toMatchObject({ name: '新坐席', role: 'agent' });
    await loginAs(center.url, '1201', 'first-pass-1');
    expect(await readAudit(center.context.store, { action: 'admin.user_create', limit: 10 })).toMatchObject([{ actor: '9001', target: '1201' }]);
  });

  it('changes role, team, language skills and branch; the audit keeps before and after without the hash', async () => {
    const body = { name: '分支新人', role: 'branch', team: 'B', languages: ['minnan'], active: true, branchCode: '8612', branchName: '天津分公司' };
    const r = await put(`${center.url}/api/admin/users/1201`, body, admin);
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({ staffNo: '1201', role: 'branch', languages: ['minnan'], branchCode: '8612' });
    const [entry] = await readAudit(center.context.store, { action: 'admin.user_update', limit: 1 });
    expect(entry).toMatchObject({ target: '1201', detail: { before: { role: 'agent', team: 'B' }, after: { role: 'branch', branchCode: '8612' } } });
    expect(JSON.stringify(entry)).not.toContain('scrypt');
    const noBranch = await put(`${center.url}/api/admin/users/1201`, { ...body, branchCode: null, branchName: null }, admin);
    expect([noBranch.status, noBranch.json.error.code]).toEqual([400, 'invalid_request']);
    const missing = await put(`${center.url}/api/admin/users/7777`, body, admin);
    expect([missing.status, missing.json.error.code]).toEqual([404, 'not_found']);
  });

  it('a deactivated account can no longer sign in, and its tokens stop working at once', async () => {
    const token = await loginAs(center.url, '1101');
    const r = await put(`${center.url}/api/admin/users/1101`, { name: '坐席丙', role: 'agent', team: 'B', languages: ['mandarin'], active: false }, admin);
    expect(r.status).toBe(200);
    expect((await post(`${center.url}/api/auth/login`, { staffNo: '1101', password: PASSWORD })).status).toBe(401);
    expect((await get(`${center.url}/api/me`, token)).status).toBe(401);
  });

  it('an administrator cannot deactivate or demote themself (the centre would lose its administration)', async () => {
    const me = { name: '管理员', role: 'admin', team: 'A', languages: ['mandarin'] };
    for (const body of [
      { ...me, active: false },
      { ...me, role: 'team_lead', active: true },
    ]) {
      const r = await put(`${center.url}/api/admin/users/9001`, body, admin);
      expect([r.status, r.json.error.code]).toEqual([400, 'invalid_request']);
    }
    expect(await findUser(center.context.store, '9001')).toMatchObject({ role: 'admin', active: true });
  });

  it('a password reset sets the new password and ends the user’s desk and console sessions', async () => {
    const desk = await post(`${center.url}/api/auth/login`, { staffNo: '2001', password: PASSWORD });
    const { browser } = await consoleSignIn(center.url, '2001');
    const r = await post(`${center.url}/api/admin/users/2001/password`, { password: 'temporary-9' }, admin);
    expect(r.status).toBe(200);
    expect((await post(`${center.url}/api/auth/refresh`, { refreshToken: desk.json.value.refreshToken })).status).toBe(401);
    expect((await consoleCall(center.url, 'GET', '/api/console/session', browser!)).status).toBe(401);
    expect((await post(`${center.url}/api/auth/login`, { staffNo: '2001', password: PASSWORD })).status).toBe(401);
    await loginAs(center.url, '2001', 'temporary-9');
    const [entry] = await readAudit(center.context.store, { action: 'admin.password_reset', limit: 1 });
    expect(entry).toMatchObject({ actor: '9001', target: '2001' });
    expect(JSON.stringify(entry)).not.toContain('temporary-9');
    const short = await post(`${center.url}/api/admin/users/2001/password`, { password: 'short' }, admin);
    expect([short.status, short.json.error.code]).toEqual([400, 'invalid_request']);
  });

  it('a non-admin calling any administration endpoint is 403 forbidden and nothing changes', async () => {
    const lead = await loginAs(center.url, '2101');
    const before = await get(`${center.url}/api/admin/users`, admin);
    const calls = [
      () => get(`${center.url}/api/admin/users`, lead),
      () => post(`${center.url}/api/admin/users`, { ...newAgent, staffNo: '1301' }, lead),
      () => put(`${center.url}/api/admin/users/1002`, { name: 'x', role: 'admin', team: 'A', languages: ['mandarin'], active: true }, lead),
      () => post(`${center.url}/api/admin/users/1002/password`, { password: 'hijacked-1' }, lead),
      () => get(`${center.url}/api/admin/assignment`, lead),
      () => get(`${center.url}/api/admin/import/mapping`, lead),
      () => put(`${center.url}/api/admin/import/mapping`, { columns: {} }, lead),
      () => get(`${center.url}/api/admin/sip-accounts/1001/password`, lead),
    ];
    for (const call of calls) {
      const r = await call();
      expect([r.status, r.json.error.code]).toEqual([403, 'forbidden']);
    }
    expect((await get(`${center.url}/api/admin/users`, admin)).json.value).toEqual(before.json.value);
    await loginAs(center.url, '1002');
  });
});
