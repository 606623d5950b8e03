import { useMemo, type ReactNode } from 'react';
import { useScreenSwitch } from '../../ui/use-screen-switch';
import type { CenterUser } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { REVIEW_ROLES, ReviewScreen } from './review-screen';

/**
 * Wraps the agent workspace for team leads and admins: a "录音回放（F9）" button and F9 switch to
 * the replay screen and back. Switching away is only offered while `canLeave()` holds (the
 * workspace is on its queue, not in a call), so no visit is left half-done. Other roles get the
 * workspace unchanged. `switches`: further screen switches shown beside the replay button (the live board's).
 */
export function WithReview({ user, canLeave, children, switches }: { user: CenterUser; canLeave: () => boolean; children: ReactNode; switches?: ReactNode }) {
  const allowed = REVIEW_ROLES.includes(user.role);
  const [reviewing, setReviewing] = useScreenSwitch('F9', allowed, canLeave);

  const exit = useMemo(() => ({ label: messages.review.toWorkspace, run: () => setReviewing(false) }), [setReviewing]);
  if (!allowed) return <>{children}</>;
  if (reviewing) return <ReviewScreen user={user} exit={exit} escapeExits />;
  return (
    <>
      <div className="review-switch">
        {switches}
        <button type="button" onClick={() => canLeave() && setReviewing(true)}>
          {messages.review.openReview}
        </button>
      </div>
      {children}
    </>
  );
}
