import { z } from 'zod';
import { staffNoSchema } from './ids';
import { roleSchema } from './auth';

/*
 * The administrators' API behind the console's administration screens (README "Web console"):
 *
 *   GET    /api/admin/users                       → AdminUser[]
 *   POST   /api/admin/users                       userCreateSchema → { staffNo }   (409 conflict when the staff number exists)
 *   PUT    /api/admin/users/:staffNo              userUpdateSchema → AdminUser     (role, team, skills, branch, active)
 *   POST   /api/admin/users/:staffNo/password     passwordResetSchema → { staffNo } (ends the user's sessions)
 *   GET    /api/admin/import/mapping              → ImportMappingView
 *   PUT    /api/admin/import/mapping              importMappingSchema → ImportMappingView
 *   GET    /api/admin/imports/:id/report.xlsx     ?outcome → the per-row report as a workbook
 *   GET    /api/admin/assignment                  → AssignmentOverviewRow[] (open cases by team, agent, language)
 *   GET    /api/admin/sip-accounts/:staffNo/password → { password } (audited reveal)
 */

const branchCode = z.string().regex(/^[0-9A-Za-z]{1,20}$/, 'must be 1–20 letters or digits');
const branchName = z.string().trim().min(1).max(60);

const userFields = {
  name: z.string().trim().min(1).max(40),
  role: roleSchema,
  team: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'team: 1–40 letters, digits, _ or -'),
  /** Language and dialect skills (docs/domain.md: cases carry a language; agents take the ones they speak). */
  languages: z
    .array(z.string().regex(/^[a-z_]{2,30}$/, 'language code: 2–30 lower-case letters'))
    .min(1)
    .max(10)
    .default(['mandarin']),
  active: z.boolean().default(true),
  /** Branch staff only (role `branch`): the branch they work for; its code scopes sub-branches too. */
  branchCode: branchCode.nullable().optional(),
  branchName: branchName.nullable().optional(),
};

/** Role `branch` needs a branch; every other role has none. */
function branchRule(u: { role: string; branchCode?: string | null; branchName?: string | null }, ctx: z.RefinementCtx): void {
  const hasBranch = (u.branchCode ?? null) !== null || (u.branchName ?? null) !== null;
  if (u.role === 'branch' && (!u.branchCode || !u.branchName)) {
    ctx.addIssue({ code: 'custom', path: ['branchCode'], message: 'role branch needs branchCode and branchName' });
  } else if (u.role !== 'branch' && hasBranch) {
    ctx.addIssue({ code: 'custom', path: ['branchCode'], message: 'only role branch belongs to a branch' });
  }
}

const password = z.string().min(8, 'password: at least 8 characters').max(200);

/** POST /api/admin/users: a new account; an existing staff number is refused, never overwritten. */
export const userCreateSchema = z
  .object({ staffNo: staffNoSchema, ...userFields, password })
  .strict()
  .superRefine(branchRule);

/** PUT /api/admin/users/:staffNo: everything but the staff number and the password. */
export const userUpdateSchema = z.object(userFields).strict().superRefine(branchRule);

/** POST /api/admin/users/:staffNo/password: the temporary password the administrator hands over. */
export const passwordResetSchema = z.object({ password }).strict();

/** One account as the users screen lists it (never the hash). */
export interface AdminUser {
  readonly staffNo: string;
  readonly name: string;
  readonly role: z.infer<typeof roleSchema>;
  readonly team: string;
  readonly languages: readonly string[];
  readonly active: boolean;
  readonly branchCode: string | null;
  readonly branchName: string | null;
}

const header = z.string().trim().min(1).max(60);

/**
 * The centre's saved column mapping (center/import/column-mapping.ts `MappingConfig`): extra file
 * headers per case field, extra text → code values, and defaults. Unknown field keys are refused.
 */
export const importMappingSchema = z
  .object({
    columns: z.record(z.string().min(1).max(60), z.array(header).max(20)).default({}),
    values: z.record(z.string().min(1).max(60), z.record(header, z.string().min(1).max(60))).default({}),
    defaults: z.record(z.string().min(1).max(60), z.union([z.string().max(60), z.number(), z.boolean()])).default({}),
  })
  .strict();
export type ImportMapping = z.output<typeof importMappingSchema>;

/** GET/PUT /api/admin/import/mapping: the saved part, and every field as the import will read it. */
export interface ImportMappingView {
  readonly saved: ImportMapping;
  readonly fields: readonly { key: string; kind: string; headers: readonly string[]; values: Readonly<Record<string, string>> }[];
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** One line of the assignment overview: open cases of one team, held by one agent (null: unassigned), in one language. */
export interface AssignmentOverviewRow {
  readonly team: string;
  readonly agent: string | null;
  readonly agentName: string | null;
  readonly language: string;
  readonly open: number;
  readonly escalated: number;
  /** Earliest deadline among them (YYYY-MM-DD). */
  readonly nearestDeadline: string;
}
