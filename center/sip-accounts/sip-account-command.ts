import { parseArgs } from 'node:util';
import { softphoneConfigSchema } from '../../shared/ipc/channels/softphone';
import { sipAccountSchema } from '../../shared/sync';
import { loadArchiveKeys } from '../archive/archive-keys';
import { audit } from '../store/audit-repo';
import { openStore, type StoreConfig } from '../store/open-store';
import { deleteSipAccount, listSipAccounts, saveSipAccount } from '../store/sip-accounts-repo';
import { findUser } from '../store/users-repo';

/** Where the command finds the store and the key that seals passwords. */
export interface SipAccountCommandContext {
  readonly store: StoreConfig;
  readonly keyDir: string;
  readonly out: (obj: unknown) => void;
  readonly err: (text: string) => void;
  /** The digest password for `set` (read from stdin by the CLI: never on the command line). */
  readonly readPassword: () => Promise<string>;
}

/**
 * `center sip-account set STAFFNO --ws URL --uri sip:… [--user U] [--display-name N] [--caller-id N]
 * [--prefix N] [--ring-timeout S]` (password on stdin), `center sip-account list`, `center
 * sip-account remove STAFFNO`: what PUT/GET/DELETE /api/admin/sip-accounts do, for administrators
 * who set up a centre before the console (README → SIP accounts from the centre). Audited as `cli`.
 */
export async function runSipAccountCommand(sub: string | undefined, args: string[], ctx: SipAccountCommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ws: { type: 'string' },
      uri: { type: 'string' },
      user: { type: 'string' },
      'display-name': { type: 'string' },
      'caller-id': { type: 'string' },
      prefix: { type: 'string' },
      'ring-timeout': { type: 'string' },
    },
  });
  if (sub !== 'set' && sub !== 'list' && sub !== 'remove') return usage(ctx, 'sip-account needs set STAFFNO, list or remove STAFFNO');
  const staffNo = positionals[0];
  if (sub !== 'list' && !staffNo) return usage(ctx, `sip-account ${sub} needs a staff number`);
  const opened = await openStore(ctx.store);
  if (!opened.ok) {
    ctx.err(`sip-account: ${opened.message}`);
    return 1;
  }
  const store = opened.store;
  try {
    if (sub === 'list') {
      for (const a of await listSipAccounts(store)) ctx.out({ event: 'sip_account', ...a });
      return 0;
    }
    if (!(await findUser(store, staffNo!))) {
      ctx.err(`sip-account: no user ${staffNo}`);
      return 1;
    }
    if (sub === 'remove') {
      if (!(await deleteSipAccount(store, staffNo!))) {
        ctx.err(`sip-account: ${staffNo} has no SIP account from the centre`);
        return 1;
      }
      await audit(store.db, { actor: 'cli', action: 'admin.sip_account_removed', detail: { staffNo } });
      ctx.out({ event: 'sip_account_removed', staffNo });
      return 0;
    }
    const config = softphoneConfigSchema.safeParse({
      wsUrl: values.ws,
      sipUri: values.uri,
      authUser: values.user ?? /^sips?:([^@]+)@/.exec(values.uri ?? '')?.[1] ?? '',
      displayName: values['display-name'],
      callerId: values['caller-id'],
      dialPrefix: values.prefix,
      ringTimeoutSec: values['ring-timeout'] === undefined ? undefined : Number(values['ring-timeout']),
    });
    if (!config.success) {
      for (const i of config.error.issues) ctx.err(`sip-account: ${i.path.join('.') || '(account)'}: ${i.message}`);
      return 1;
    }
    const account = sipAccountSchema.safeParse({ config: config.data, password: (await ctx.readPassword()).trim() });
    if (!account.success) {
      ctx.err('sip-account: password: required on stdin (e.g. `printf %s "$PW" | npm run center -- sip-account set …`)');
      return 1;
    }
    await saveSipAccount(store, (await loadArchiveKeys(ctx.keyDir)).sessionKey, staffNo!, account.data, 'cli');
    await audit(store.db, { actor: 'cli', action: 'admin.sip_account_set', detail: { staffNo, sipUri: config.data.sipUri, wsUrl: config.data.wsUrl } });
    ctx.out({ event: 'sip_account_set', staffNo, config: config.data });
    return 0;
  } finally {
    await store.close();
  }
}

function usage(ctx: SipAccountCommandContext, problem: string): number {
  ctx.err(problem);
  ctx.err(
    'usage: center sip-account set STAFFNO --ws wss://… --uri sip:… [--user U] [--display-name N] [--caller-id N] [--prefix N] [--ring-timeout S] < password | list | remove STAFFNO',
  );
  return 2;
}
