import { useCallback, useEffect, useState } from 'react';
import { maskPhone } from '../../shared/domain/masking';
import { DEFAULT_DESK_CONFIG } from '../../shared/sync';
import { useCaseRecord, useSetting } from '../data/live-queries';
import { loadRoster, type RosterView } from '../data/team-roster';
import { AgendaScreen } from '../features/agenda/agenda-screen';
import { AgentStatusBar } from '../features/agent-status/agent-status-bar';
import { useAgentStatusStore, type PauseReason } from '../features/agent-status/agent-status-store';
import { recordSessionEvent } from '../features/agent-status/record-session-event';
import { CaseView } from '../features/case-view/case-view';
import { UnreachedPanel } from '../features/case-view/unreached-panel';
import { OutcomeScreen } from '../features/outcome/outcome-screen';
import { HeadsetSlot } from './headset-slot';
import { IncomingCallBar } from './incoming-call-bar';
import { QueueScreen } from '../features/queue/queue-screen';
import { TeamView } from '../features/team/team-view';
import { TEAM_VIEW_ROLES, useTeamViewSwitch } from '../features/team/use-team-view-switch';
import { useQueueStore } from '../features/queue/queue-store';
import { identityPassed } from '../features/wizard/identity-passed';
import { WizardScreen } from '../features/wizard/wizard-screen';
import { useWizardStore } from '../features/wizard/wizard-store';
import { messages } from '../i18n/messages';
import { useScreenSwitch } from '../ui/use-screen-switch';
import { screenOf } from '../features/visit/visit-state';
import { useVisitStore } from '../features/visit/visit-store';
import { SignOutButton } from './sign-out-button';
import type { Workstation } from './workstation';

/** The signed-in agent's workspace: status bar, then queue → case → script → outcome. */
export function Workspace({ ws, onSignOut }: { ws: Workstation; onSignOut: () => void }) {
  const phase = useVisitStore((s) => s.visit.phase);
  const screen = screenOf(phase);
  const policy = useVisitStore((s) => s.visit.policy);
  const policyNo = useVisitStore((s) => s.visit.policyNo);
  const failedDial = useVisitStore((s) => s.visit.failedDial);
  const call = useVisitStore((s) => s.visit.call);
  const decision = useVisitStore((s) => s.visit.decision);
  const error = useVisitStore((s) => s.visit.error);
  const previousAttempts = useVisitStore((s) => s.visit.previousAttempts);
  const offered = useVisitStore((s) => s.visit.offered);
  const confirmation = useVisitStore((s) => s.visit.confirmation);
  const script = useWizardStore((s) => s.script);
  const notes = useWizardStore((s) => s.notes);
  const revealed = identityPassed(script);
  const record = useCaseRecord(ws.db, policyNo);
  const maxAttempts = useSetting(ws.db, 'maxAttempts');
  // The insurer's name the script says, from the centre's desk settings (cached; default until fetched).
  const companyName = useSetting(ws.db, 'companyName') ?? DEFAULT_DESK_CONFIG.companyName;
  const v = ws.visits;
  const [roster, setRoster] = useState<RosterView | null>(null);
  // The agent's own day (F2 from the queue, Esc or F2 back). It only ever covers the queue: a case
  // opened from it, or a call answered meanwhile, closes it, so the queue is what follows the visit.
  const onQueue = useCallback(() => screen === 'queue', [screen]);
  // Team leads and admins open on their team (F3 to their own queue and back); agents never see it.
  const [teamView, setTeamView] = useTeamViewSwitch(ws.me.role, onQueue);
  const onOwnQueue = useCallback(() => screen === 'queue' && !teamView, [screen, teamView]);
  const [agenda, setAgenda] = useScreenSwitch('F2', true, onOwnQueue);
  useEffect(() => {
    if (screen !== 'queue') setAgenda(false);
  }, [screen, setAgenda]);
  const closeAgenda = useCallback(() => setAgenda(false), [setAgenda]);

  // The team roster is fetched each time an outcome screen opens (colleagues come and go), falling
  // back to the cached list offline.
  useEffect(() => {
    if (screen !== 'outcome') return;
    let live = true;
    setRoster(null);
    void loadRoster(ws.db, ws.me.staffNo).then(
      (r) => live && setRoster(r),
      () => live && setRoster({ members: [], source: 'none', fetchedAt: null }),
    );
    return () => {
      live = false;
    };
  }, [screen, ws]);

  const pause = useCallback(
    (reason: PauseReason) => {
      // Only a free desk pauses: never while a dial rings or a call is up (the reason form may
      // have been opened before the dial); the store refuses it then.
      if (useAgentStatusStore.getState().pause(reason)) void recordSessionEvent(ws.db, ws.me.staffNo, 'break_start');
    },
    [ws],
  );
  const resume = useCallback(() => {
    if (useAgentStatusStore.getState().resume()) void recordSessionEvent(ws.db, ws.me.staffNo, 'break_end');
  }, [ws]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8') return;
      e.preventDefault();
      const st = useAgentStatusStore.getState().status;
      if (st === 'ready') pause('break');
      else if (st === 'paused') resume();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pause, resume]);

  return (
    <div className="workspace">
      <IncomingCallBar inbound={ws.inbound} />
      <div className="workspace-bar">
        <span className="agent-name">{messages.common.nameWithCode(ws.me.name, ws.me.staffNo)}</span>
        <AgentStatusBar onPause={pause} onResume={resume} />
        <HeadsetSlot ws={ws} />
        <SignOutButton disabled={screen === 'wizard' || phase === 'caller'} onSignOut={onSignOut} drain={ws.drain} />
      </div>
      {error ? (
        <p className="form-error workspace-error" role="alert">
          {error}
        </p>
      ) : null}
      {screen === 'queue' && teamView ? <TeamView user={ws.me} db={ws.db} onQueue={() => setTeamView(false)} /> : null}
      {screen === 'queue' && !teamView && agenda ? (
        <AgendaScreen db={ws.db} agent={ws.me.staffNo} onOpen={(p) => void v.openCase(p)} onBack={closeAgenda} />
      ) : null}
      {screen === 'queue' && !teamView && !agenda ? (
        <>
          {confirmation ? (
            <p className="attempt-recorded" role="status">
              {confirmation}
            </p>
          ) : null}
          {phase === 'caller' && call ? (
            <p className="caller-on-line" role="status">
              {messages.visit.callerOnLine(maskPhone(call.number))}
            </p>
          ) : null}
          {offered ? (
            <p className="next-offer" role="status">
              {messages.visit.nextOffered(offered)}
            </p>
          ) : null}
          <button type="button" className="agenda-open" aria-keyshortcuts="F2" onClick={() => setAgenda(true)}>
            {messages.common.withKey(messages.agenda.open, 'F2')}
          </button>
          {TEAM_VIEW_ROLES.includes(ws.me.role) ? (
            <button type="button" aria-keyshortcuts="F3" onClick={() => setTeamView(true)}>
              {messages.team.toTeam}
            </button>
          ) : null}
          <QueueScreen onOpen={(p) => void v.openCase(p)} />
        </>
      ) : null}
      {screen === 'case' && record ? (
        <div className="case-screen">
          <CaseView
            db={ws.db}
            record={record}
            policy={policy}
            revealed={false}
            me={ws.me.staffNo}
            interactive={phase !== 'unreached'}
            dialling={phase === 'dialling'}
            onDial={(n) => void v.dial(n)}
            onCancelDial={() => void v.cancelDial()}
            onCorrected={ws.sync}
            onBack={() => {
              if (v.backToQueue()) void useQueueStore.getState().refreshRow(ws.db, record.policyNo);
            }}
          />
          {failedDial ? (
            <UnreachedPanel
              reason={failedDial.reason}
              choice={failedDial.choice}
              onChoose={(c) => v.chooseUnreached(c)}
              onConfirm={() => void v.confirmUnreached()}
            />
          ) : null}
        </div>
      ) : null}
      {screen === 'wizard' && record ? (
        <div className="wizard-screen-layout">
          <WizardScreen context={{ companyName, staffNo: ws.me.staffNo }} onDone={() => void v.toOutcome()} />
          <CaseView
            db={ws.db}
            record={record}
            policy={policy}
            revealed={revealed}
            me={ws.me.staffNo}
            interactive={false}
            dialling={false}
            onDial={() => undefined}
            onBack={() => undefined}
          />
        </div>
      ) : null}
      {screen === 'outcome' && decision && record ? (
        <OutcomeScreen
          decision={decision}
          attemptNo={previousAttempts + 1}
          maxAttempts={maxAttempts ?? DEFAULT_DESK_CONFIG.maxAttempts}
          deadline={record.deadline}
          me={ws.me.staffNo}
          roster={roster}
          language={record.language ?? null}
          proxy={script?.result?.proxy ?? null}
          endReason={script?.endReason ?? null}
          recap={policy ? { policy, number: call?.number ?? null, notes } : null}
          suggestCallback={script?.endReason === 'busy' || script?.endReason === 'driving_or_meeting' || script?.endReason === 'not_policyholder'}
          busy={phase === 'finishing'}
          error={error}
          onFinish={(c) => void v.finish(c)}
          onFinishAndRedial={(c) => void v.finishAndRedial(c)}
        />
      ) : null}
    </div>
  );
}
