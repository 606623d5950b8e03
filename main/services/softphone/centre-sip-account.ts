import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sipAccountSchema, sipProxiesSchema, type SipAccount } from '../../../shared/sync';
import type { SecretProtector } from '../host-capabilities';
import type { SoftphoneConfigService } from './softphone-config-service';

/**
 * Said at the desk when the centre's answer for this agent's SIP account does not parse (a centre
 * of another version, a hand-edited record): the desk's own account — or the training line — holds.
 */
const MALFORMED_ACCOUNT = (detail: string) => `案件中心下发的软电话账号格式不正确（${detail}），已改用本机账号或培训线路；请联系管理员检查该坐席的 SIP 账号`;

/**
 * The SIP account the case centre hands an agent at sign-in (README → SIP accounts from the centre): put in force for
 * the signed-in agent and dropped at sign-out. A sealed copy per agent (the host's secret protector:
 * safeStorage in Electron) lets the same agent sign in while the centre is unreachable and still
 * call; nobody else's sign-in can bring it back.
 */
export class CentreSipAccounts {
  private readonly dir: string;
  /** What the last page got in its CSP `connect-src` (see `connectSrc`). */
  private served: readonly string[] = [];

  constructor(
    dataDir: string,
    private readonly secrets: SecretProtector,
    private readonly config: Pick<SoftphoneConfigService, 'setManaged'>,
  ) {
    this.dir = path.join(dataDir, 'softphone', 'centre');
  }

  /**
   * After a sign-in, with the centre's answer to GET /api/me/sip-account: its account (or none) holds;
   * unreachable, the agent's last account from this desk; refused (a centre without the endpoint or
   * without keys), the desk's own account; an account that does not parse, the desk's own account
   * and a message saying which field was wrong (the desk stays usable: its own account or the
   * training line).
   */
  followSignIn(staffNo: string, answer: { kind: 'ok'; value: { account: unknown } } | { kind: 'offline' } | { kind: 'refused' }): void {
    if (answer.kind === 'offline') return this.restore(staffNo);
    if (answer.kind === 'refused') return this.release();
    if (answer.value.account === null || answer.value.account === undefined) return this.adopt(staffNo, null);
    const parsed = sipAccountSchema.safeParse(answer.value.account);
    if (parsed.success) return this.adopt(staffNo, parsed.data);
    const issue = parsed.error.issues[0];
    this.release(MALFORMED_ACCOUNT(issue ? `${issue.path.join('.')}: ${issue.message}` : ''));
  }

  /** After an online sign-in: the centre's answer (null: the administrator set none) is what holds. */
  adopt(staffNo: string, account: SipAccount | null): void {
    const file = this.fileOf(staffNo);
    if (!account) {
      rmSync(file, { force: true });
      this.config.setManaged(null);
      return;
    }
    const url = new URL(account.config.wsUrl);
    this.remember([`${url.protocol}//${url.host}`]);
    if (this.secrets.isEncryptionAvailable()) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, this.secrets.encryptString(JSON.stringify(account)), { mode: 0o600 });
      renameSync(tmp, file);
    }
    this.config.setManaged(account);
  }

  /** After an offline sign-in (credentials this desk has seen accepted): the agent's last account. */
  restore(staffNo: string): void {
    const file = this.fileOf(staffNo);
    if (!existsSync(file)) return this.config.setManaged(null);
    try {
      const parsed = sipAccountSchema.safeParse(JSON.parse(this.secrets.decryptString(readFileSync(file))));
      this.config.setManaged(parsed.success ? parsed.data : null);
    } catch {
      // A copy this desk cannot open (another OS user, a new keystore) is as good as none.
      this.config.setManaged(null);
    }
  }

  /**
   * The page's CSP `connect-src` origins: the softphone's own (`own`) and every proxy the centre's
   * accounts use, as last learnt — a page's CSP is fixed when it loads, and the centre's account for
   * the agent arrives only after sign-in. Remembered as what the current page was served.
   */
  connectSrc(own: readonly string[]): readonly string[] {
    this.served = [...new Set([...own, ...this.knownOrigins()])];
    return this.served;
  }

  /**
   * Before sign-in: learns the proxies of the centre's accounts (`origins`, null when the centre is
   * unreachable) and answers whether the page must load again to be allowed to reach one of them.
   */
  learnProxies(origins: readonly string[] | null): { reload: boolean } {
    if (origins) this.remember(origins);
    return { reload: this.knownOrigins().some((o) => !this.served.includes(o)) };
  }

  /** At sign-out, or when the centre's account cannot be used (`problem` says why): the desk's own account (if any) is in force again. */
  release(problem: string | null = null): void {
    this.config.setManaged(null, problem);
  }

  /** Proxy origins learnt from the centre, kept across restarts (no secret: addresses only). */
  private knownOrigins(): string[] {
    try {
      // The same shape the centre answers: a damaged file reads as nothing learnt.
      const list = sipProxiesSchema.shape.origins.safeParse(JSON.parse(readFileSync(path.join(this.dir, 'proxies.json'), 'utf8')));
      return list.success ? list.data : [];
    } catch {
      return [];
    }
  }

  private remember(origins: readonly string[]): void {
    const known = this.knownOrigins();
    const next = [...new Set([...known, ...origins])].sort();
    if (next.length === known.length) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(this.dir, 'proxies.json'), JSON.stringify(next));
  }

  private fileOf(staffNo: string): string {
    if (!/^[0-9A-Za-z_-]{1,40}$/.test(staffNo)) throw new Error(`not a staff number: ${staffNo}`);
    return path.join(this.dir, `${staffNo}.bin`);
  }
}
