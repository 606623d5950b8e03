import './live-board.css';
import { useCallback, type ReactNode } from 'react';
import { useScreenSwitch } from '../../ui/use-screen-switch';
import type { CenterUser } from '../../../shared/sync';
import { LiveBoard } from './live-board';
import type { HuifangDb } from '../../data/huifang-db';
import { useSetting } from '../../data/live-queries';
import { messages } from '../../i18n/messages';

/** Roles that may open the live board. */
export const LIVE_BOARD_ROLES: readonly string[] = ['team_lead', 'admin'];

/**
 * Gives team leads and admins the live board: F10 or the "坐席监控（F10）" button (handed to
 * `children` to place beside the replay switch) switch to it, F10 or Esc return. Switching is only
 * offered while `canLeave()` holds (the workspace is on its queue), so no visit is left half-done.
 * Other roles get `children(null)` unchanged.
 */
export function WithLiveBoard({
  user,
  db,
  canLeave,
  children,
}: {
  user: CenterUser;
  /** The desk's cache: the board's alert limits come from the centre's desk settings kept there. */
  db: HuifangDb;
  canLeave: () => boolean;
  children: (openButton: ReactNode) => ReactNode;
}) {
  const allowed = LIVE_BOARD_ROLES.includes(user.role);
  const alertLimits = useSetting(db, 'boardAlerts');
  const [watching, setWatching] = useScreenSwitch('F10', allowed, canLeave);

  const exit = useCallback(() => setWatching(false), [setWatching]);
  if (!allowed) return <>{children(null)}</>;
  if (watching) return <LiveBoard onExit={exit} alertLimits={alertLimits} />;
  return (
    <>
      {children(
        <button type="button" onClick={() => canLeave() && setWatching(true)} aria-keyshortcuts="F10">
          {messages.live.open}
        </button>,
      )}
    </>
  );
}
