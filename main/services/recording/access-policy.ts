import type { CallerContext } from '../../ipc/ipc-router';

/** What someone wants to do with a recorded session. */
export type RecordingAction = 'playback' | 'delete' | 'legalHold';

/** The signed-in person behind an IPC caller, as the sign-in workflow knows them. */
export interface AccessIdentity {
  readonly userId: string;
  readonly role: string;
}

/** The answer of an access policy; a denial carries a readable zh-CN reason. */
export type AccessDecision =
  | { readonly allowed: true; readonly identity: AccessIdentity }
  | { readonly allowed: false; readonly identity: AccessIdentity | null; readonly reason: string };

/**
 * Decides whether a caller may play back, delete or hold a recorded session. Implemented by the
 * sign-in/workflow side, which knows who is signed in on each window; the recording service only
 * asks and logs. DOMAIN.md §9: listening is for supervisor level and above.
 */
export interface AccessPolicy {
  authorize(request: { readonly action: RecordingAction; readonly sessionId: string; readonly caller: CallerContext }): AccessDecision | Promise<AccessDecision>;
}

/** The default: nobody may play back or delete anything until a real policy is wired in. */
export const denyAllPolicy: AccessPolicy = {
  authorize: () => ({ allowed: false, identity: null, reason: '未配置录音访问权限，拒绝访问。' }),
};

/** Roles that may listen to recordings: team leads (班长/主管), QA and administrators. */
export const PLAYBACK_ROLES: readonly string[] = ['team_lead', 'qa', 'admin'];

/**
 * A role-based policy over an identity lookup: playback for supervisor/QA roles, delete and legal
 * hold for administrators only. Unknown callers are denied.
 */
export function roleBasedPolicy(identityOf: (caller: CallerContext) => AccessIdentity | null): AccessPolicy {
  return {
    authorize({ action, caller }) {
      const identity = identityOf(caller);
      if (!identity) return { allowed: false, identity: null, reason: '未登录，无权访问录音。' };
      const allowed = action === 'playback' ? PLAYBACK_ROLES.includes(identity.role) : identity.role === 'admin';
      return allowed
        ? { allowed: true, identity }
        : { allowed: false, identity, reason: `当前角色（${identity.role}）无权${actionText[action]}。` };
    },
  };
}

const actionText: Record<RecordingAction, string> = {
  playback: '调听录音',
  delete: '删除通话记录',
  legalHold: '设置诉讼保全',
};
