import { z } from 'zod';

/**
 * Client-generated ids for pushed items. The workstation creates the id once, when the fact
 * happens (an attempt, a result, a session event), and keeps re-sending it until the centre
 * acknowledges it; the centre stores each id at most once. UUID text (any version).
 */
export const clientIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** Staff number (工号): digits, 3–12 long. */
export const staffNoSchema = z.string().regex(/^\d{3,12}$/, 'must be 3–12 digits');

/** Policy number (保单号) as used for a case id: letters, digits, dash, 4–40 long. */
export const policyNoSchema = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes');
