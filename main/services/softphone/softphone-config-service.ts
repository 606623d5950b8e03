import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../shared/ipc/ipc-error';
import { softphoneConfigSchema, type SoftphoneConfig, type SoftphoneConfigInput } from '../../../shared/ipc/channels/softphone';
import type { SecretProtector } from '../host-capabilities';

/** What the renderer may see of the account: settings, and only whether a password exists. */
export interface SoftphoneConfigView {
  readonly config: SoftphoneConfig | null;
  readonly hasPassword: boolean;
}

/**
 * Owns the softphone account: settings in `<dataDir>/softphone/config.json`, the SIP password
 * encrypted by the host's secret protector (safeStorage in Electron) in `password.bin`.
 * The password is returned only by `credentials()`, which the renderer calls to register.
 */
export class SoftphoneConfigService {
  private readonly dir: string;
  private readonly listeners = new Set<(view: SoftphoneConfigView) => void>();

  constructor(
    dataDir: string,
    private readonly secrets: SecretProtector,
  ) {
    this.dir = path.join(dataDir, 'softphone');
  }

  /** Current settings (no password). A corrupt file reads as "not configured", never a crash. */
  view(): SoftphoneConfigView {
    return { config: this.readConfig(), hasPassword: existsSync(this.passwordFile) };
  }

  /** Validates and saves settings; `password` undefined keeps the stored one, '' removes it. */
  save(config: SoftphoneConfigInput, password?: string): SoftphoneConfigView {
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
    const view = this.view();
    for (const l of this.listeners) l(view);
    return view;
  }

  /** The digest credentials for registration; a readable error when none are stored. */
  credentials(): { authUser: string; password: string } {
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
    const config = this.readConfig();
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
