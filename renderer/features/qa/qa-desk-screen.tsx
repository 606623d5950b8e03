import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CenterUser } from '../../../shared/sync';
import type { QaEvaluationView } from '../../../shared/sync/qa-answers';
import { useScreenSwitch } from '../../ui/use-screen-switch';
import { messages } from '../../i18n/messages';
import { CalibrationScreen } from './calibration-screen';
import { MyEvaluations } from './my-evaluations';
import { TeamDisputes } from './team-disputes';

const t = () => messages.qaDesk;
type Tab = 'mine' | 'disputes' | 'calibration';
/** How the app shows an agent's replay of their own call (the review feature's player). */
export type Replay = (sessionId: string, failedItems: readonly string[], back: () => void) => ReactNode;

/** Who sees which page: agents their own results; team leads also their team's disputes and calibrations. */
function tabsOf(role: string): readonly Tab[] {
  if (role === 'team_lead') return ['disputes', 'calibration', 'mine'];
  if (role === 'admin') return ['disputes', 'calibration'];
  return role === 'agent' ? ['mine'] : [];
}

/**
 * The QA desk over the workspace (README "QA evaluations"): the agent's evaluations and, for a
 * team lead, the team's disputes and calibrations. Esc goes back to the workspace.
 */
export function QaDeskScreen({ user, exit, replay }: { user: CenterUser; exit: () => void; replay?: Replay }) {
  const tabs = tabsOf(user.role);
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'mine');
  const [replaying, setReplaying] = useState<QaEvaluationView | null>(null);
  useEffect(() => {
    if (replaying) return; // the player's Esc goes back to the list
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      exit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exit, replaying]);
  if (replaying && replay) {
    const failed = replaying.verdicts.filter((v) => v.verdict === 'fail').map((v) => v.itemId);
    return <>{replay(replaying.sessionId, failed, () => setReplaying(null))}</>;
  }
  const label: Record<Tab, string> = { mine: t().tabMine, disputes: t().tabDisputes, calibration: t().tabCalibration };
  return (
    <div className="qa-desk">
      <div className="workspace-bar">
        <h2>{t().title}</h2>
        <span className="agent-name">{messages.common.nameWithCode(user.name, user.staffNo)}</span>
        <button type="button" onClick={exit}>
          {t().back}
        </button>
      </div>
      {tabs.length > 1 ? (
        <div role="tablist" aria-label={t().tabs}>
          {tabs.map((x) => (
            <button key={x} type="button" role="tab" aria-selected={x === tab} onClick={() => setTab(x)}>
              {label[x]}
            </button>
          ))}
        </div>
      ) : null}
      {tab === 'mine' ? (
        <MyEvaluations onReplay={replay ? setReplaying : undefined} />
      ) : tab === 'disputes' ? (
        <TeamDisputes />
      ) : (
        <CalibrationScreen me={user.staffNo} />
      )}
    </div>
  );
}

/**
 * Wraps the workspace: "质检（F7）" and F7 switch to the QA desk and back, only while `canLeave()`
 * holds (on the queue, no visit half-done), like the replay screen's F9.
 */
export function WithQaDesk({ user, canLeave, children, replay }: { user: CenterUser; canLeave: () => boolean; children: ReactNode; replay?: Replay }) {
  const allowed = tabsOf(user.role).length > 0;
  const [open, setOpen] = useScreenSwitch('F7', allowed, canLeave);
  const exit = useMemo(() => () => setOpen(false), [setOpen]);
  if (!allowed) return <>{children}</>;
  if (open) return <QaDeskScreen user={user} exit={exit} replay={replay} />;
  return (
    <>
      <div className="review-switch">
        <button type="button" onClick={() => canLeave() && setOpen(true)}>
          {messages.common.withKey(t().open, 'F7')}
        </button>
      </div>
      {children}
    </>
  );
}
