import type { BranchWorkOrderRow } from '../../../shared/sync/branch-console';
import { messages } from '../../i18n/zh';

/** The deadline tag of an order: its text and antd colour (red overdue, orange due today). */
export function deadlineTag(order: Pick<BranchWorkOrderRow, 'status' | 'workingDaysLeft'>): { text: string; color: string } {
  if (order.status === 'done') return { text: messages.deadline.done, color: 'default' };
  if (order.workingDaysLeft < 0) return { text: messages.deadline.overdue(-order.workingDaysLeft), color: 'red' };
  if (order.workingDaysLeft === 0) return { text: messages.deadline.today, color: 'orange' };
  return { text: messages.deadline.left(order.workingDaysLeft), color: order.workingDaysLeft === 1 ? 'gold' : 'green' };
}
