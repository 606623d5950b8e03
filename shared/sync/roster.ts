import { z } from 'zod';
import { roleSchema } from './auth';
import { staffNoSchema } from './ids';

/**
 * GET /api/team/roster — the active colleagues of the caller's team who can take a callback
 * (agents and team leads), so a desk can book one for a named colleague. Staff data only: no
 * policyholder data. `languages` lets the desk warn when a colleague does not speak the case's
 * dialect.
 */
export const teamMemberSchema = z.object({
  staffNo: staffNoSchema,
  name: z.string(),
  role: roleSchema,
  languages: z.array(z.string()),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const rosterResponseSchema = z.object({
  team: z.string(),
  members: z.array(teamMemberSchema),
});
export type RosterResponse = z.infer<typeof rosterResponseSchema>;
