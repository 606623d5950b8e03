import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, startTestCenter, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

const account = {
  config: { sipUri: 'sip:1001@pbx.example.cn', authUser: '1001', displayName: '坐席1001', wsUrl: 'wss://pbx.example.cn:7443/ws', callerId: '95500' },
  password: 'digest-secret-1001',
};

async function send(
  method: 'PUT' | 'DELETE',
  url: string,
  body: unknown,
  token: string,
): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { code: string; message: { zh: string } } } }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

describe.each(engines)('agents’ SIP accounts from the centre (README → SIP accounts from the centre) on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine, archiveDir: mkdtempSync(path.join(tmpdir(), 'huifang-sip-keys-')) });
    for (const s of ['1001', '1002', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('an administrator sets an agent’s account; the agent’s desk receives it whole at sign-in; the password is sealed at rest; both steps are audited', async () => {
    const set = await send('PUT', `${center.url}/api/admin/sip-accounts/1001`, account, tokens['9001']!);
    expect(set.status).toBe(200);
    const mine = await get(`${center.url}/api/me/sip-account`, tokens['1001']);
    expect(mine.status).toBe(200);
    expect(mine.json.value.account).toEqual({
      config: { ...account.config, dialPrefix: '', ringTimeoutSec: 45, iceServers: [], iceGatheringTimeoutMs: 500 },
      password: account.password,
    });
    const stored = await sql<{ password_sealed: string; config: string }>`select password_sealed, config from sip_accounts where staff_no = '1001'`.execute(
      center.context.store.db,
    );
    expect(stored.rows[0]!.password_sealed).not.toContain(account.password);
    expect(stored.rows[0]!.config).not.toContain(account.password);
    expect(await readAudit(center.context.store, { action: 'admin.sip_account_set', limit: 5 })).toMatchObject([
      { actor: '9001', detail: { staffNo: '1001', sipUri: account.config.sipUri } },
    ]);
    expect(await readAudit(center.context.store, { action: 'sip_account.handed_out', limit: 5 })).toMatchObject([{ actor: '1001' }]);
  });

  it('the proxies in use are public (a desk allows them before anyone signs in), as origins only', async () => {
    const res = await fetch(`${center.url}/api/sip-proxies`);
    expect([res.status, ((await res.json()) as { value: unknown }).value]).toEqual([200, { origins: ['wss://pbx.example.cn:7443'] }]);
  });

  it('an agent without an account gets null (the desk keeps its own form); another agent’s account is never handed out', async () => {
    const mine = await get(`${center.url}/api/me/sip-account`, tokens['1002']);
    expect([mine.status, mine.json.value]).toEqual([200, { account: null }]);
  });

  it('the administrator’s list never carries passwords', async () => {
    const list = await get(`${center.url}/api/admin/sip-accounts`, tokens['9001']);
    expect(list.status).toBe(200);
    expect(list.json.value.map((a: { staffNo: string }) => a.staffNo)).toContain('1001');
    expect(JSON.stringify(list.json.value)).not.toContain(account.password);
  });

  it('bad input is refused with the field named, and stores nothing: a malformed proxy URL, a missing password, an unknown agent; agents may not set accounts', async () => {
    const badUrl = await send(
      'PUT',
      `${center.url}/api/admin/sip-accounts/1002`,
      { ...account, config: { ...account.config, wsUrl: 'http://pbx' } },
      tokens['9001']!,
    );
    expect([badUrl.status, badUrl.json.error?.code]).toEqual([400, 'invalid_request']);
    expect(JSON.stringify(badUrl.json.error)).toContain('wsUrl');
    const noPassword = await send('PUT', `${center.url}/api/admin/sip-accounts/1002`, { config: account.config }, tokens['9001']!);
    expect([noPassword.status, JSON.stringify(noPassword.json.error)]).toEqual([400, expect.stringContaining('password')]);
    const unknown = await send('PUT', `${center.url}/api/admin/sip-accounts/7777`, account, tokens['9001']!);
    expect([unknown.status, unknown.json.error?.message.zh]).toEqual([404, '没有工号 7777']);
    const byAgent = await send('PUT', `${center.url}/api/admin/sip-accounts/1002`, account, tokens['1001']!);
    expect(byAgent.status).toBe(403);
    expect((await get(`${center.url}/api/me/sip-account`, tokens['1002'])).json.value).toEqual({ account: null });
  });

  it('removing an account: the desk gets null afterwards; removing it twice says there is none', async () => {
    expect((await send('DELETE', `${center.url}/api/admin/sip-accounts/1001`, undefined, tokens['9001']!)).status).toBe(200);
    expect((await get(`${center.url}/api/me/sip-account`, tokens['1001'])).json.value).toEqual({ account: null });
    const again = await send('DELETE', `${center.url}/api/admin/sip-accounts/1001`, undefined, tokens['9001']!);
    expect([again.status, again.json.error?.code]).toEqual([404, 'not_found']);
  });
});

describe('a centre without a key directory', () => {
  it('refuses to keep SIP passwords rather than storing them unsealed', async () => {
    const center = await startTestCenter();
    try {
      const token = await loginAs(center.url, '9001');
      const set = await send('PUT', `${center.url}/api/admin/sip-accounts/1001`, account, token);
      expect([set.status, set.json.error?.message.zh]).toEqual([404, '本中心未配置密钥目录，无法保存 SIP 密码']);
    } finally {
      await center.close();
    }
  });
});
