import { z } from 'zod';
import { softphoneConfigSchema } from '../ipc/channels/softphone';

/**
 * An agent's SIP account as an administrator sets it at the centre (PUT
 * /api/admin/sip-accounts/:staffNo) and the desk receives it at sign-in (GET /api/me/sip-account):
 * the whole softphone account — proxy, address, digest user, caller ID, prefix — and the digest
 * password. Agents at a centre-connected desk never type SIP settings (README → SIP accounts from the centre).
 */
export const sipAccountSchema = z
  .object({
    config: softphoneConfigSchema,
    password: z.string().min(1, 'password: required').max(200),
  })
  .strict();
export type SipAccount = z.infer<typeof sipAccountSchema>;

/**
 * What the desk gets: its account, or null when the administrator set none (the desk's own form
 * then). The account itself is checked by the desk service that uses it (`sipAccountSchema`), not
 * with the envelope: a malformed account is then said as such, instead of reading like a centre
 * that answers nonsense (which the link treats as unreachable).
 */
export const mySipAccountSchema = z.object({ account: z.unknown() });
export type MySipAccount = z.infer<typeof mySipAccountSchema>;

/**
 * The proxies the centre's accounts use (GET /api/sip-proxies, public: no secret): a desk allows
 * its page to open WebSockets to these before anyone signs in (the page's CSP is fixed when it loads).
 */
export const sipProxiesSchema = z.object({ origins: z.array(z.string().regex(/^wss?:\/\/[^/\s]+$/)) });
