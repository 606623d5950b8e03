import { z } from 'zod';

/**
 * Centre-wide settings every desk follows (GET /api/desk-config; an admin changes them with
 * POST /api/admin/desk-config):
 * - `companyName`: the insurer's name the script says on the phone (placeholder {companyName});
 * - `maxAttempts`: unreached attempts after which a case becomes a verification case (docs/domain.md §4).
 */
export const deskConfigSchema = z.object({
  companyName: z.string().trim().min(2).max(60),
  maxAttempts: z.number().int().min(1).max(10),
}).strict();
export type DeskConfig = z.infer<typeof deskConfigSchema>;

/** What a centre without stored settings answers. */
export const DEFAULT_DESK_CONFIG: DeskConfig = { companyName: '示例人寿保险股份有限公司', maxAttempts: 3 };
