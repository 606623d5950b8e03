import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { CenterClient } from '../../../../main/services/center/center-client';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import { CentreSipAccounts } from '../../../../main/services/softphone/centre-sip-account';
import { SoftphoneConfigService } from '../../../../main/services/softphone/softphone-config-service';
import { softphoneConfigSchema } from '../../../../shared/ipc/channels/softphone';

const own = softphoneConfigSchema.parse({ sipUri: 'sip:desk@127.0.0.1', authUser: 'desk', wsUrl: 'ws://127.0.0.1:5066' });
const fromCentre = {
  config: softphoneConfigSchema.parse({ sipUri: 'sip:1001@pbx.example.cn', authUser: '1001', wsUrl: 'wss://pbx.example.cn/ws', callerId: '95500' }),
  password: 'centre-secret-1001',
};

function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-centre-sip-'));
  const secrets = nodeSecretProtector(randomBytes(32));
  const config = new SoftphoneConfigService(dataDir, secrets);
  config.save(own, 'desk-password');
  const changes = vi.fn();
  config.onChange(changes);
  return { dataDir, config, changes, accounts: new CentreSipAccounts(dataDir, secrets, config) };
}

describe('the SIP account from the centre at the desk (README → SIP accounts from the centre)', () => {
  it('at sign-in the centre’s account is in force (credentials, proxy origin, read-only view) and the softphone hears of it; at sign-out the desk’s own account is back, untouched', () => {
    const { config, changes, accounts } = setup();
    accounts.followSignIn('1001', { kind: 'ok', value: { account: fromCentre } });
    expect(config.view()).toEqual({ config: fromCentre.config, hasPassword: true, managedByCentre: true });
    expect(config.credentials()).toEqual({ authUser: '1001', password: 'centre-secret-1001' });
    expect(config.connectOrigins()).toEqual(['wss://pbx.example.cn']);
    expect(changes).toHaveBeenCalledTimes(1);
    accounts.release();
    expect(config.view()).toEqual({ config: own, hasPassword: true, managedByCentre: false });
    expect(config.credentials()).toEqual({ authUser: 'desk', password: 'desk-password' });
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('while the centre’s account is in force the desk refuses to save over it, with the reason', () => {
    const { config, accounts } = setup();
    accounts.followSignIn('1001', { kind: 'ok', value: { account: fromCentre } });
    expect(() => config.save(own, 'x')).toThrow(/SIP 账号由案件中心下发/);
  });

  it('the copy kept for offline sign-in is sealed (no password or address in clear on disk) and serves only the same agent', () => {
    const { dataDir, config, accounts } = setup();
    accounts.followSignIn('1001', { kind: 'ok', value: { account: fromCentre } });
    accounts.release();
    const dir = path.join(dataDir, 'softphone', 'centre');
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toEqual(['1001.bin']);
    const onDisk = readFileSync(path.join(dir, '1001.bin')).toString('latin1');
    expect(onDisk).not.toContain('centre-secret-1001');
    expect(onDisk).not.toContain('pbx.example.cn');
    accounts.followSignIn('1002', { kind: 'offline' });
    expect(config.view().managedByCentre).toBe(false);
    accounts.followSignIn('1001', { kind: 'offline' });
    expect(config.view()).toMatchObject({ config: fromCentre.config, managedByCentre: true });
  });

  it('when the administrator removed the account, the next online sign-in drops the offline copy too; a refusing centre leaves the desk’s own account', () => {
    const { dataDir, config, accounts } = setup();
    accounts.followSignIn('1001', { kind: 'ok', value: { account: fromCentre } });
    accounts.followSignIn('1001', { kind: 'ok', value: { account: null } });
    expect(readdirSync(path.join(dataDir, 'softphone', 'centre')).filter((f) => f.endsWith('.bin'))).toEqual([]);
    expect(config.view().managedByCentre).toBe(false);
    accounts.followSignIn('1001', { kind: 'offline' });
    expect(config.view().managedByCentre).toBe(false);
    accounts.followSignIn('1001', { kind: 'refused' });
    expect(config.view().config).toEqual(own);
  });

  it('the page’s CSP allows the proxies the centre’s accounts use, learnt before sign-in and kept across restarts; a proxy new since the page loaded asks for one reload', () => {
    const { dataDir, config, accounts } = setup();
    expect(accounts.connectSrc(config.connectOrigins())).toEqual(['ws://127.0.0.1:5066']);
    expect(accounts.learnProxies(['wss://pbx.example.cn'])).toEqual({ reload: true });
    expect(accounts.connectSrc(config.connectOrigins())).toEqual(['ws://127.0.0.1:5066', 'wss://pbx.example.cn']);
    expect(accounts.learnProxies(['wss://pbx.example.cn'])).toEqual({ reload: false });
    // Unreachable centre: what was learnt still counts.
    expect(accounts.learnProxies(null)).toEqual({ reload: false });
    const restarted = new CentreSipAccounts(dataDir, nodeSecretProtector(randomBytes(32)), config);
    expect(restarted.connectSrc([])).toEqual(['wss://pbx.example.cn']);
  });

  it('a malformed account from the centre (another version, a hand-edited record) is said with the field, not taken for a dead network; the desk’s own account holds', async () => {
    const tokens = { accessToken: 'a', accessExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'r', refreshExpiresAt: '2099-01-01T00:00:00Z' };
    const user = { staffNo: '1001', name: '测试', role: 'agent', team: 'T1', languages: [] };
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      const value = req.url === '/api/auth/login' ? { ...tokens, user } : { account: { config: { ...fromCentre.config, wsUrl: 'ftp://pbx' }, password: 'x' } };
      res.end(JSON.stringify({ ok: true, value }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new CenterClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect((await client.login('1001', 'demo1234')).ok).toBe(true);
      const answer = await client.sipAccount();
      if (!answer.ok) throw new Error(`the envelope itself is fine: ${answer.error.code}`);
      const { config, accounts } = setup();
      accounts.followSignIn('1001', { kind: 'ok', value: answer.value });
      expect(config.view()).toMatchObject({ config: own, managedByCentre: false });
      expect(config.view().centreProblem).toMatch(/软电话账号格式不正确（config\.wsUrl: .+）/);
      expect(config.credentials()).toEqual({ authUser: 'desk', password: 'desk-password' });
      accounts.followSignIn('1001', { kind: 'ok', value: { account: fromCentre } });
      expect(config.view().centreProblem).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
