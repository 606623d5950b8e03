import { z } from 'zod';

/** The product name a Huifang case centre gives in its health answer. */
export const CENTRE_PRODUCT = 'huifang-center';

/** The centre API generation this workstation speaks. */
export const CENTRE_API_VERSION = 1;

/**
 * `GET /api/health` (public): the centre is up, and it is a Huifang case centre speaking this API.
 * A desk checks `product` and `apiVersion` before it keeps an address (README "The case centre
 * address"), so a web server that merely answers 200 is not mistaken for a centre.
 */
export const healthSchema = z.object({
  status: z.literal('ok'),
  product: z.literal(CENTRE_PRODUCT),
  apiVersion: z.literal(CENTRE_API_VERSION),
});
export type Health = z.infer<typeof healthSchema>;
