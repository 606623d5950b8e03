import { z } from 'zod';
import { channel } from '../define';

/**
 * Where the desk's centre address comes from, strongest first (README "The case centre address"):
 * `env` HUIFANG_CENTER_URL (development) > `machine` the file IT deploys > `kept` the address
 * entered at this desk once > `embedded` the demo centre (source tree present) > `none`.
 */
export const centreAddressSourceSchema = z.enum(['env', 'machine', 'kept', 'embedded', 'none']);
export type CentreAddressSource = z.infer<typeof centreAddressSourceSchema>;

/**
 * Who may change the address from the desk: `open` anyone (no address in force yet), `admin` an
 * administrator verified by the current centre, `fixed` nobody (set by IT's file or the environment).
 */
const centreAddressChangeSchema = z.enum(['open', 'admin', 'fixed']);

/** Why the machine-wide config file could not be used (it is then ignored and the reason shown). */
export const machineFileProblemSchema = z.enum(['unreadable', 'not_json', 'bad_shape', 'bad_url', 'plain_http_remote']);
export type MachineFileProblem = z.infer<typeof machineFileProblemSchema>;

/** The address in force and how it may change. */
export const centreAddressSchema = z.object({
  source: centreAddressSourceSchema,
  /** The centre's origin; null for `embedded` (the port is picked at start) and `none`. */
  url: z.string().nullable(),
  change: centreAddressChangeSchema,
  /** Where IT puts the machine-wide file on this computer (the screen names it). */
  machineFile: z.string(),
  /** The machine-wide file exists but cannot be used: why. */
  machineFileError: z.object({ problem: machineFileProblemSchema, detail: z.string() }).nullable(),
});
export type CentreAddress = z.infer<typeof centreAddressSchema>;

/**
 * Why an address was not kept. Checks of the address itself: `not_a_url`, `plain_http_remote`,
 * `dns_failed`, `connection_refused`, `timeout`, `unreachable`, `tls_wrong_host`, `tls_untrusted`,
 * `tls_expired`, `tls_invalid`, `not_a_centre`. Checks of the change: `fixed_by_machine`,
 * `fixed_by_environment`, `signed_in` (change only while nobody is signed in), `admin_required`,
 * `admin_refused` (wrong staff number or password), `not_admin`, `current_centre_unreachable`
 * (the administrator cannot be verified: IT edits the machine-wide file), `save_failed`.
 */
export const centreAddressProblemSchema = z.enum([
  'not_a_url',
  'plain_http_remote',
  'dns_failed',
  'connection_refused',
  'timeout',
  'unreachable',
  'tls_wrong_host',
  'tls_untrusted',
  'tls_expired',
  'tls_invalid',
  'not_a_centre',
  'fixed_by_machine',
  'fixed_by_environment',
  'signed_in',
  'admin_required',
  'admin_refused',
  'not_admin',
  'current_centre_unreachable',
  'save_failed',
]);
export type CentreAddressProblem = z.infer<typeof centreAddressProblemSchema>;

/** Channels of the centre address (read it; check and keep a new one). */
export const centerAddressChannels = {
  'center:address': channel(z.object({}).strict(), centreAddressSchema, 'Returns the centre address in force, its source and who may change it.'),
  'center:setAddress': channel(
    z
      .object({
        url: z.string().max(2000),
        admin: z
          .object({ staffNo: z.string().regex(/^\d{3,12}$/), password: z.string().min(1).max(200) })
          .strict()
          .optional(),
      })
      .strict(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('kept'), address: centreAddressSchema }),
      /** `detail`: the technical reason (host name, error code) shown under the readable message. */
      z.object({ kind: z.literal('refused'), problem: centreAddressProblemSchema, detail: z.string() }),
    ]),
    'Checks a centre address (URL, plain HTTP only to loopback, reachable, TLS valid, a Huifang centre) and keeps it at this desk; once an address is in force only an administrator verified by the current centre may change it.',
  ),
} as const;
