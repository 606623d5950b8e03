import { z } from 'zod';
import { staffNoSchema } from './ids';
import { roleSchema } from './auth';
import type { WorkOrderStatus } from './work-orders';

/*
 * The web console's API (console/, served by the centre). Browsers hold no token: the centre sets
 * an HttpOnly session cookie at sign-in, and every unsafe request carries the CSRF token from the
 * sign-in answer in the `x-csrf-token` header (double submit against the session's stored token).
 *
 *   POST   /api/console/session       consoleSignInSchema → ConsoleSignInAnswer   (sets the cookies)
 *   GET    /api/console/session       → ConsoleSession, or 401 unauthenticated
 *   DELETE /api/console/session       signs out (clears the cookies, revokes the session)
 *
 * Branch staff (role `branch`, 分支机构回访负责人) see the work orders of their branch and of its
 * sub-branches: branch codes are hierarchical, so a user of branch `8611` sees `8611`, `861101` ….
 *
 *   GET    /api/branch/work-orders            ?status&limit → BranchWorkOrderList (overdue first)
 *   GET    /api/branch/work-orders/:id        → BranchWorkOrderDetail
 *   POST   /api/branch/work-orders/:id/follow-ups      branchFollowUpRequestSchema → BranchWorkOrderDetail
 *   POST   /api/branch/work-orders/:id/phone           branchPhoneRequestSchema    → BranchWorkOrderDetail
 *   POST   /api/branch/work-orders/:id/close           branchCloseRequestSchema    → BranchWorkOrderDetail
 *
 * Every write names the `version` of the order it was made against; a stale form (the order changed
 * since it was read, or the same form submitted twice) is refused with 409 `stale_version`.
 */

/** The console's cookie and header names, shared by the centre and the console. */
export const CONSOLE_SESSION_COOKIE = 'hf_session';
export const CONSOLE_CSRF_HEADER = 'x-csrf-token';

/**
 * POST /api/console/session. `firstOrders` asks the answer to carry the first orders of the
 * branch's list (as GET /api/branch/work-orders?limit= answers them) when the user's role may read
 * it: the console opens on that list, and one round trip fewer paints it sooner.
 */
export const consoleSignInSchema = z
  .object({ staffNo: staffNoSchema, password: z.string().min(1).max(200), firstOrders: z.number().int().min(1).max(500).optional() })
  .strict();

/** Who is signed in to the console, and the token to echo in `x-csrf-token`. */
export const consoleSessionSchema = z.object({
  user: z.object({
    staffNo: staffNoSchema,
    name: z.string(),
    role: roleSchema,
    team: z.string(),
    /** Set for branch staff: the branch whose orders (and sub-branches' orders) they work. */
    branchCode: z.string().nullable(),
    branchName: z.string().nullable(),
  }),
  csrfToken: z.string().min(20),
  expiresAt: z.string(),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

/** The sign-in's answer: the session, and the first orders when they were asked for and the role may read them. */
export type ConsoleSignInAnswer = ConsoleSession & { readonly orders?: BranchWorkOrderList };

/** What a branch did for an order (the console's catalogue gives each its Chinese label). */
export const branchFollowUpActionSchema = z.enum(['contacted_explained', 'customer_requests_surrender', 'phone_verified', 'customer_unreachable', 'other']);
export type BranchFollowUpAction = z.infer<typeof branchFollowUpActionSchema>;

/** How a branch closes an order. `revisit` and a corrected phone put the case back in the call queue (docs/domain.md §7). */
export const branchCloseResolutionSchema = z.enum(['resolved', 'revisit']);
export type BranchCloseResolution = z.infer<typeof branchCloseResolutionSchema>;

const version = z.number().int().nonnegative();
const note = z.string().trim().min(1).max(2000);

/** POST /api/branch/work-orders/:id/follow-ups */
export const branchFollowUpRequestSchema = z.object({ action: branchFollowUpActionSchema, note, version }).strict();

/** POST /api/branch/work-orders/:id/phone — the corrected number, checked like an imported one. */
export const branchPhoneRequestSchema = z.object({ phone: z.string().trim().min(5).max(20), note: note.optional(), version }).strict();

/** POST /api/branch/work-orders/:id/close — past due, `lateExplanation` (逾期说明) is required. */
export const branchCloseRequestSchema = z
  .object({
    resolution: branchCloseResolutionSchema,
    outcome: note,
    /** Staff number of whoever at the branch handled it; refused when the seller may not handle it (基本服务规定 第18条). */
    handledBy: staffNoSchema,
    lateExplanation: note.optional(),
    version,
  })
  .strict();

/** One row of the branch's list. */
export interface BranchWorkOrderRow {
  readonly id: number;
  readonly policyNo: string;
  /** Masked as on the desk (docs/domain.md §9). */
  readonly holderName: string;
  readonly kind: string;
  readonly category: 'substandard' | 'problem' | 'verification';
  readonly branchCode: string;
  readonly branchName: string;
  readonly status: WorkOrderStatus;
  readonly due: string;
  /** Working days from today to the due date; negative when overdue, 0 on the due day. */
  readonly workingDaysLeft: number;
  readonly calendarUncertain: boolean;
  readonly version: number;
}

export interface BranchWorkOrderList {
  readonly orders: readonly BranchWorkOrderRow[];
  /** All orders matching the filter, beyond `limit` too. */
  readonly total: number;
}

/** One event on an order's history: a follow-up, a phone correction, the close. */
export interface BranchOrderEvent {
  readonly at: string;
  readonly by: string;
  readonly type: 'follow_up' | 'phone' | 'late_explanation' | 'closed' | 'reopened';
  readonly action: BranchFollowUpAction | BranchCloseResolution | null;
  readonly note: string | null;
}

export interface BranchWorkOrderDetail extends BranchWorkOrderRow {
  /** Case facts, masked as on the desk. */
  readonly facts: {
    readonly productName: string;
    readonly productType: string;
    readonly holderPhone: string;
    readonly insuredName: string;
    readonly issueDate: string;
    readonly sellerCode: string | null;
  };
  /** What the call found; no recording for branch users. */
  readonly findings: {
    readonly result: string | null;
    readonly resultKinds: readonly string[];
    readonly answers: readonly { readonly questionId: string; readonly question: string; readonly answer: string }[];
  };
  /** 基本服务规定 第18条: false when the selling agent may not handle it. */
  readonly sellerMayHandle: boolean;
  readonly events: readonly BranchOrderEvent[];
  readonly lateExplanation: string | null;
  readonly closedAt: string | null;
  readonly outcome: string | null;
}
