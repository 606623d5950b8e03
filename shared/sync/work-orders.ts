import { z } from 'zod';

/**
 * Work orders (工单, docs/domain.md §7) as the centre's API shows them: one per non-standard result,
 * to the selling branch, due in working days. `status` is derived: `overdue` is an open order
 * past its due date; `late` also marks an order closed after it (逾期 → 逾期说明).
 */
export const workOrderStatusSchema = z.enum(['open', 'overdue', 'done']);
export type WorkOrderStatus = z.infer<typeof workOrderStatusSchema>;

/** One work order. */
export interface WorkOrderView {
  readonly id: number;
  readonly policyNo: string;
  readonly team: string;
  readonly category: 'substandard' | 'problem' | 'verification';
  /** Domain WorkOrderKind, e.g. 'verification_contact', 'mis_selling_resolution'. */
  readonly kind: string;
  readonly resultKinds: readonly string[];
  readonly owner: { readonly branchCode: string; readonly branchName: string };
  /** 基本服务规定 第18条: false when the selling agent may not handle it. */
  readonly sellerMayHandle: boolean;
  readonly sellerCode: string | null;
  readonly raisedBy: string;
  readonly sourceItemId: string;
  readonly createdAt: string;
  readonly fromDate: string;
  /** Last day (inclusive), `workingDays` working days after `fromDate`. */
  readonly due: string;
  readonly workingDays: number;
  /** The due date rests on a year without official holiday data: check it by hand. */
  readonly calendarUncertain: boolean;
  readonly status: WorkOrderStatus;
  /** Open past due, or closed after the due date. */
  readonly late: boolean;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly handledBy: string | null;
  readonly outcome: string | null;
  readonly lateExplanation: string | null;
  readonly lateExplainedBy: string | null;
  readonly lateExplainedAt: string | null;
}

/** POST /api/team/work-orders/:id/close */
export const closeWorkOrderRequestSchema = z
  .object({
    /** What the branch did and how it ended. */
    outcome: z.string().trim().min(1).max(2000),
    /** Code of whoever at the branch handled it; refused when it is the seller and the seller may not handle it. */
    handledBy: z.string().trim().min(1).max(40).optional(),
    /** 逾期说明, required when the order is past due and has none yet. */
    lateExplanation: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

/** POST /api/team/work-orders/:id/late-explanation */
export const lateExplanationRequestSchema = z.object({ explanation: z.string().trim().min(1).max(2000) }).strict();
