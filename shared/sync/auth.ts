import { z } from 'zod';
import { staffNoSchema } from './ids';

/**
 * Roles of the centre. Agents call; team leads manage a team; QA reviews; admins run the centre;
 * the department head (部门负责人) approves or refuses recording exports (docs/domain.md §9); branch staff
 * (分支机构回访负责人) work their branch's orders in the web console (docs/domain.md §7).
 */
export const roleSchema = z.enum(['agent', 'team_lead', 'qa', 'admin', 'dept_head', 'branch']);
export type Role = z.infer<typeof roleSchema>;

/** POST /api/auth/login */
export const loginRequestSchema = z
  .object({
    staffNo: staffNoSchema,
    password: z.string().min(1).max(200),
  })
  .strict();

/** POST /api/auth/refresh and /api/auth/logout */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(20).max(200) }).strict();

/** The signed-in person as the centre knows them. */
export const centerUserSchema = z.object({
  staffNo: staffNoSchema,
  name: z.string(),
  role: roleSchema,
  team: z.string(),
  languages: z.array(z.string()),
});
export type CenterUser = z.infer<typeof centerUserSchema>;

/** Answer of login and refresh. `accessExpiresAt` is ISO time; refresh before it. */
export const sessionTokensSchema = z.object({
  accessToken: z.string(),
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
  user: centerUserSchema,
});
export type SessionTokens = z.infer<typeof sessionTokensSchema>;
