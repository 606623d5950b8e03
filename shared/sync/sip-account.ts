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

/** What the desk gets: its account, or null when the administrator set none (the desk's own form then). */
export const mySipAccountSchema = z.object({ account: sipAccountSchema.nullable() });
export type MySipAccount = z.infer<typeof mySipAccountSchema>;

/** An account in the administrator's list: never the password. */
export const sipAccountListSchema = z.array(z.object({ staffNo: z.string(), config: softphoneConfigSchema, updatedAt: z.string(), updatedBy: z.string() }));
