import { syncError, type SyncError } from '../../shared/sync';
import type { StoredUser } from '../store/users-repo';

/**
 * Branch scope (docs/domain.md §7: orders go to the selling branch). Insurers number their
 * organisation hierarchically — a sub-branch's code starts with its parent's — so a branch user
 * covers every order whose branch code starts with their own. Admins cover every branch.
 */
export function branchCovers(user: StoredUser, orderBranchCode: string): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'branch' && user.branchCode !== null && orderBranchCode.startsWith(user.branchCode);
}

/** A `wrong_branch` error unless the user covers the order's branch. */
export function requireBranch(user: StoredUser, orderBranchCode: string): SyncError | undefined {
  if (branchCovers(user, orderBranchCode)) return undefined;
  return syncError('forbidden', {
    zh: `该工单属于其他机构（${orderBranchCode}），您无权查看或处理`,
    en: `work order belongs to branch ${orderBranchCode}, outside ${user.branchCode ?? 'your scope'}`,
  });
}
