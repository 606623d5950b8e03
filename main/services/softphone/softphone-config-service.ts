import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../shared/ipc/ipc-error';
import { softphoneConfigSchema, type SoftphoneConfig, type SoftphoneConfigInput } from '../../../shared/ipc/channels/softphone';
import type { SecretProtector } from '../host-capabilities';

/** What the renderer may see of the account: settings, and only whether a password exists. */
export interface SoftphoneConfigView {
  readonly config: SoftphoneConfig | null;
  readonly hasPassword: boolean;
  /** The account came from the case centre for the signed-in agent (read-only at the desk). */
  readonly managedByCentre: boolean;
  /** Why the centre's account for this agent could not be used (e.g. malformed), so the desk says so. */
  readonly centreProblem?: string;
}

/** An account the case centre handed over for the signed-in agent. */
export interface ManagedAccount {
  readonly config: SoftphoneConfig;
  readonly password: string;
}

/**
 * Owns the softphone account: settings in `<dataDir>/softphone/config.json`, the SIP password
 * encrypted by the host's secret protector (safeStorage in Electron) in `password.bin`.
 * The password is returned only by `credentials()`, which the renderer calls to register.
 */
export class SoftphoneConfigService {
  private readonly dir: string;
  private readonly listeners = new Set<(view: SoftphoneConfigView) => void>();
  /**
   * The centre's account for the signed-in agent: in memory only, in force over the desk's own
   * stored account (which it never overwrites) until sign-out.
   */
  private managed: ManagedAccount | null = null;
  private centreProblem: string | null = null;

  constructor(
    dataDir: string,
    private readonly secrets: SecretProtector,
  ) {
    this.dir = path.join(dataDir, 'softphone');
  }

  /** Current settings (no password). A corrupt file reads as "not configured", never a crash. */
  view(): SoftphoneConfigView {
    if (this.managed) return { config: this.managed.config, hasPassword: true, managedByCentre: true };
    const problem = this.centreProblem ? { centreProblem: this.centreProblem } : {};
    return { config: this.readConfig(), hasPassword: existsSync(this.passwordFile), managedByCentre: false, ...problem };
  }

  /**
   * Puts the centre's account in force (null: back to the desk's own, `problem` saying why the
   * centre's could not be used); listeners hear of it.
   */
  setManaged(account: ManagedAccount | null, problem: string | null = null): void {
    if (JSON.stringify(account) === JSON.stringify(this.managed) && problem === this.centreProblem) return;
    this.managed = account;
    this.centreProblem = account ? null : problem;
    this.notify();
  }

  /** Validates and saves settings; `password` undefined keeps the stored one, '' removes it. */
  save(config: SoftphoneConfigInput, password?: string): SoftphoneConfigView {
    if (this.managed) throw new DomainError('SIP 账号由案件中心下发，不能在本机修改；请联系管理员 (the SIP account is managed by the case centre)');
    const parsed = softphoneConfigSchema.safeParse(config);
    if (!parsed.success) throw new DomainError(`软电话设置无效 (invalid softphone settings): ${parsed.error.issues[0]?.message ?? ''}`);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (password !== undefined) {
      if (password === '') rmSync(this.passwordFile, { force: true });
      else {
        if (!this.secrets.isEncryptionAvailable()) {
          throw new DomainError('系统密钥库不可用，无法安全保存密码 (OS keystore unavailable)', 'not_available');
        }
        atomicWrite(this.passwordFile, this.secrets.encryptString(password));
      }
    }
    atomicWrite(this.configFile, Buffer.from(JSON.stringify(parsed.data, null, 2)));
    return this.notify();
  }

  private notify(): SoftphoneConfigView {
    const view = this.view();
    for (const l of this.listeners) l(view);
    return view;
  }

  /** The digest credentials for registration; a readable error when none are stored. */
  credentials(): { authUser: string; password: string } {
    if (this.managed) return { authUser: this.managed.config.authUser, password: this.managed.password };
    const config = this.readConfig();
    if (!config) throw new DomainError('尚未设置软电话账号 (softphone account not configured)');
    if (!existsSync(this.passwordFile)) throw new DomainError('尚未保存软电话密码 (no SIP password stored)');
    try {
      return { authUser: config.authUser, password: this.secrets.decryptString(readFileSync(this.passwordFile)) };
    } catch {
      throw new DomainError('无法解密软电话密码，请重新输入 (stored SIP password cannot be decrypted)');
    }
  }

  /** The proxy's origin for the renderer's CSP `connect-src` (empty when not configured). */
  connectOrigins(): string[] {
    const config = this.managed?.config ?? this.readConfig();
    if (!config) return [];
    try {
      const url = new URL(config.wsUrl);
      return [`${url.protocol}//${url.host}`];
    } catch {
      return [];
    }
  }

  /** Called after every successful save. */
  onChange(listener: (view: SoftphoneConfigView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private get configFile() {
    return path.join(this.dir, 'config.json');
  }

  private get passwordFile() {
    return path.join(this.dir, 'password.bin');
  }

  private readConfig(): SoftphoneConfig | null {
    try {
      const parsed = softphoneConfigSchema.safeParse(JSON.parse(readFileSync(this.configFile, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}

function atomicWrite(file: string, data: Buffer) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}
