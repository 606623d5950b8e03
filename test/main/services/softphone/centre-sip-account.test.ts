import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
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
});
