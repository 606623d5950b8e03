import './review.css';
import { useCallback, useEffect } from 'react';
import type { CenterUser } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { useReviewStore } from './review-store';
import { SessionList } from './session-list';
import { SessionPlayer } from './session-player';
import { ExportPanel } from './export-panel';
import { QaWorkList } from '../qa/work-list';
import { CalibrationsToScore } from '../qa/calibrations-to-score';
import { useCalibrationTarget } from '../qa/calibration-target';

/** Roles that use the replay screen (docs/domain.md §9: listening is for supervisor level and above). */
export const REVIEW_ROLES: readonly string[] = ['qa', 'team_lead', 'admin'];

/**
 * The QA replay screen (录音质检回放): the list of recorded sessions on this workstation and the
 * player of one. `exit` is the way out (sign out for QA, back to the workspace for team leads and
 * admins); `escapeExits` lets Esc on the list take it.
 */
export function ReviewScreen({ user, exit, escapeExits }: { user: CenterUser; exit: { label: string; run: () => void }; escapeExits: boolean }) {
  const openId = useReviewStore((s) => s.openId);
  const calibrating = useCalibrationTarget((s) => s.target !== null && s.target.sessionId === openId);

  useEffect(() => {
    void useReviewStore.getState().load();
    return () => useReviewStore.getState().reset();
  }, []);

  useEffect(() => {
    if (!escapeExits) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || useReviewStore.getState().openId) return;
      e.preventDefault();
      exit.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [escapeExits, exit]);

  const back = useCallback(() => {
    useReviewStore.getState().close();
    void useReviewStore.getState().load();
  }, []);
  const open = useCallback((id: string) => useReviewStore.getState().open(id), []);

  return (
    <div className="review-screen">
      <div className="workspace-bar">
        <h2 className="review-title">{messages.review.title}</h2>
        <span className="agent-name">{messages.common.nameWithCode(user.name, user.staffNo)}</span>
        <button type="button" className="sign-out" onClick={exit.run}>
          {exit.label}
        </button>
      </div>
      {openId ? (
        <SessionPlayer
          key={openId}
          sessionId={openId}
          canHold={user.role === 'admin'}
          canScore={user.role === 'qa' || user.role === 'admin' || calibrating}
          onBack={back}
        />
      ) : (
        <>
          {user.role === 'qa' || user.role === 'admin' ? <QaWorkList me={user.staffNo} onOpen={open} /> : null}
          <CalibrationsToScore me={user.staffNo} onOpen={open} />
          <SessionList onOpen={open} />
          <ExportPanel />
        </>
      )}
    </div>
  );
}
