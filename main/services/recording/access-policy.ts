import type { CallerContext } from '../../ipc/ipc-router';

/**
 * What someone wants to do with a recorded session: list sessions, view one (answers, outcome,
 * markers), play its recording back, delete it, or place/lift a legal hold.
 */
export type RecordingAction = 'list' | 'view' | 'playback' | 'delete' | 'legalHold';

/** The signed-in person behind an IPC caller, as the sign-in workflow knows them. */
export interface AccessIdentity {
  readonly userId: string;
  readonly role: string;
}

/** The answer of an access policy; a denial carries a readable zh-CN reason. */
export type AccessDecision =
  | { readonly allowed: true; readonly identity: AccessIdentity }
  | { readonly allowed: false; readonly identity: AccessIdentity | null; readonly reason: string };

/** One question put to an access policy. */
export interface AccessRequest {
  readonly action: RecordingAction;
  /** The session concerned; `*` for a `list` that is not about one session yet. */
  readonly sessionId: string;
  readonly caller: CallerContext;
  /**
   * Staff number of the agent who made the call (the session's `agentId`), for `list`/`view` of one
   * session: an agent may see their own sessions. Absent on a `list` = "may the caller list at all?".
   */
  readonly owner?: string | null;
}

/**
 * Decides whether a caller may list, view, play back, delete or hold a recorded session.
 * Implemented by the sign-in/workflow side, which knows who is signed in on each window; the
 * recording service and the session store only ask and log. docs/domain.md §9: listening is for
 * supervisor level and above.
 */
export interface AccessPolicy {
  authorize(request: AccessRequest): AccessDecision | Promise<AccessDecision>;
  /** Who is signed in behind `caller` (null: nobody); stamps the agent on sessions opened by them. */
  identify?(caller: CallerContext): AccessIdentity | null | Promise<AccessIdentity | null>;
}

/** The default: nobody may see, play back or delete anything until a real policy is wired in. */
export const denyAllPolicy: AccessPolicy = {
  authorize: () => ({ allowed: false, identity: null, reason: '未配置录音访问权限，拒绝访问。' }),
};

/** Roles that may listen to recordings and see every session: team leads (组长), QA and administrators. */
export const PLAYBACK_ROLES: readonly string[] = ['team_lead', 'qa', 'admin'];

/**
 * A role-based policy over an identity lookup:
 * - list/view: supervisor/QA/admin roles see every session; anyone else signed in only sessions
 *   whose agent is their own staff number;
 * - playback: supervisor/QA/admin roles (docs/domain.md §9); an agent only a call of theirs whose
 *   QA evaluation failed items (`ownFailedCall`, asked of the centre: README "QA evaluations");
 * - delete and legal hold: administrators only.
 * Nobody signed in → denied.
 */
export function roleBasedPolicy(
  identityOf: (caller: CallerContext) => AccessIdentity | null,
  ownFailedCall: (sessionId: string) => Promise<boolean> = async () => false,
): AccessPolicy {
  return {
    identify: identityOf,
    async authorize({ action, caller, owner, sessionId }) {
      const identity = identityOf(caller);
      if (!identity) return { allowed: false, identity: null, reason: `未登录，无权${actionText[action]}。` };
      const supervisor = PLAYBACK_ROLES.includes(identity.role);
      let allowed: boolean;
      switch (action) {
        case 'list':
        case 'view':
          allowed = supervisor || (action === 'list' && owner === undefined) || (owner != null && owner === identity.userId);
          break;
        case 'playback':
          allowed = supervisor || (identity.role === 'agent' && (await ownFailedCall(sessionId)));
          break;
        case 'delete':
        case 'legalHold':
          allowed = identity.role === 'admin';
          break;
      }
      if (allowed) return { allowed: true, identity };
      const own =
        action === 'list' || action === 'view'
          ? '，只能查看本人的通话记录'
          : action === 'playback' && identity.role === 'agent'
            ? '，坐席只能调听质检判有不合格项的本人通话'
            : '';
      return { allowed: false, identity, reason: `当前角色（${identity.role}）无权${actionText[action]}${own}。` };
    },
  };
}

const actionText: Record<RecordingAction, string> = {
  list: '查看通话记录列表',
  view: '查看该通话记录',
  playback: '调听录音',
  delete: '删除通话记录',
  legalHold: '设置诉讼保全',
};
