import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ANSWER_LABELS, type Answer } from '../../../shared/domain/script/answer';
import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import type { BoardAlertLimits, LiveAgent, MonitorMode } from '../../../shared/sync';
import { formatDuration } from '../agent-status/format-duration';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useNow } from '../agent-status/use-now';
import { rowAlert, sortAgents } from './live-board-rows';
import { messages } from '../../i18n/messages';
import { useTeamLive } from './use-team-live';
import { BoardAlertList } from './board-alert-list';
import { canListen } from '../monitor/can-listen';
import { branchAnswerLabel } from '../wizard/branch-answer-label';
import { useMonitorStore } from '../monitor/monitor-store';
import { monitorActions } from '../monitor/monitor-actions';
import { ListenButton, MonitorStatus } from '../monitor/monitor-controls';

/** 是/否/不清楚/拒答, or the branch's label from the script (`branch:busy` → 客户不便（预约回呼）). */
function answerText(stepId: string, answer: string): string {
  if (answer in ANSWER_LABELS) return ANSWER_LABELS[answer as Answer];
  return (
    branchAnswerLabel(
      DEFAULT_SCRIPT.steps.find((s) => s.id === stepId),
      answer,
    ) ?? answer
  );
}

const since = (iso: string, now: number) => formatDuration(now - Date.parse(iso));

function StatusCell({ agent, now }: { agent: LiveAgent; now: number }) {
  const s = agent.state;
  if (!s) return <>{messages.live.signedOut}</>;
  const reason = s.pauseReason ? messages.common.aside(messages.live.pauseReasons[s.pauseReason] ?? s.pauseReason) : '';
  return (
    <>
      {agent.stale ? <span className="live-stale">{messages.live.stale}</span> : null}
      <span className={`live-status live-status-${s.status}`}>
        {messages.live.status[s.status]}
        {reason}
      </span>{' '}
      <span className="live-timer">{since(s.statusSince, now)}</span>
    </>
  );
}

interface RowProps {
  agent: LiveAgent;
  name: string;
  now: number;
  limits: BoardAlertLimits | undefined;
  selected: boolean;
  onSelect: () => void;
}

function Row({ agent, name, now, limits, selected, onSelect }: RowProps) {
  const s = agent.state;
  const alert = rowAlert(agent, now, limits);
  const script = s?.script ?? null;
  const classes = ['live-row', selected ? 'is-selected' : '', alert ? 'is-alert' : '', agent.stale ? 'is-stale' : '', s ? '' : 'is-signed-out']
    .filter(Boolean)
    .join(' ');
  return (
    <tr className={classes} aria-selected={selected} data-staff={agent.staffNo} onClick={onSelect}>
      <td>{agent.staffNo}</td>
      <td>{name}</td>
      <td>
        <StatusCell agent={agent} now={now} />
        {alert ? <strong className="live-alert">{alert === 'long_wrap_up' ? messages.live.longWrapUp : messages.live.longPause}</strong> : null}
      </td>
      <td>{s?.case?.policyNo ?? messages.live.none}</td>
      <td>
        {s?.call ? `${messages.live.callPhase[s.call.phase]} ${since(s.call.since, now)}` : messages.live.none}
        {canListen(agent) ? <ListenButton agent={agent} name={name} /> : null}
      </td>
      <td className="live-question">
        {script?.questionText ? (
          <>
            <span className="live-question-no">{messages.live.questionNo(script.stepIndex, script.stepCount)}</span> {script.questionText}
          </>
        ) : script ? (
          script.endReason ? (
            messages.live.scriptEndedWith(script.endReason)
          ) : (
            messages.live.scriptEnded
          )
        ) : (
          messages.live.none
        )}
      </td>
      <td>{script?.lastAnswer ? answerText(script.lastAnswer.stepId, script.lastAnswer.answer) : messages.live.none}</td>
    </tr>
  );
}

/**
 * The team lead's live board (坐席实时监控): one row per active agent of the team — staff number
 * and name, status with live time in status, the case's policy number, call phase and duration,
 * the current question (number and text, names masked) and the last answer, a stale marker; long
 * wrap-ups (> 2 min) and pauses (> 15 min) highlighted. Sorted by status, then staff number.
 * ↑/↓ select a row; Esc calls `onExit`. L (or a row's 监听 button) listens in to an agent in a call (班长监听, see `MonitorListener`),
 * W whispers to the agent (耳语), B barges into the call (强插) — from idle or switching the leg that is up; Esc stops listening first.
 */
/** The board's coaching keys: one keystroke per mode. */
const COACH_KEYS: Record<string, MonitorMode | undefined> = { l: 'listen', w: 'whisper', b: 'barge' };

/** `alertLimits`: the centre's desk settings `boardAlerts` (the defaults until the desk has them). */
export function LiveBoard({ onExit, team, alertLimits }: { onExit: () => void; team?: string; alertLimits?: BoardAlertLimits }) {
  const { live, names, error } = useTeamLive(team);
  const now = useNow(1000);
  const agents = useMemo(() => sortAgents(live?.agents ?? []), [live]);
  const [selectedNo, setSelectedNo] = useState<string | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const selected = agents.findIndex((a) => a.staffNo === selectedNo);
  const hasRows = agents.length > 0;
  // The board's list once it has rows (↑/↓ move in it); the board itself while it loads.
  const focusTarget = useCallback(() => tableRef.current ?? rootRef.current, []);
  useFocusOnMount(focusTarget, { key: hasRows });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        // Esc first stops a listen-in, then leaves the board.
        if (monitorActions.active()) void monitorActions.stopListening();
        else onExit();
      } else if (COACH_KEYS[e.key.toLowerCase()] && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const mode = COACH_KEYS[e.key.toLowerCase()] as MonitorMode;
        const agent = agents[selected];
        // A leg that is up switches mode whichever row is selected (it has one agent).
        if (monitorActions.listening()) {
          e.preventDefault();
          return void monitorActions.switchMode(mode);
        }
        if (!agent) return;
        e.preventDefault();
        // Say why instead of doing nothing (an older notice would otherwise stay as the only answer).
        if (!canListen(agent)) return useMonitorStore.getState().dispatch({ type: 'refused', text: messages.monitor.notInCall });
        void monitorActions.coach(agent.staffNo, names.get(agent.staffNo) ?? agent.name, mode);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (agents.length === 0) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        const next = selected < 0 ? 0 : Math.min(agents.length - 1, Math.max(0, selected + step));
        setSelectedNo(agents[next].staffNo);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [agents, selected, onExit, names]);

  // Leaving the board ends a listen-in: its state is shown only here.
  useEffect(() => () => void monitorActions.stopListening(), []);

  return (
    <section className="live-board" aria-labelledby="live-board-title" tabIndex={-1} ref={rootRef}>
      <div className="live-toolbar">
        <h2 id="live-board-title">
          {messages.live.title}
          {live ? messages.live.team(live.team) : ''}
        </h2>
        {live ? <span className="muted">{messages.live.updated(messages.common.clock(live.at))}</span> : null}
        <button type="button" onClick={onExit}>
          {messages.live.back}
        </button>
      </div>
      <MonitorStatus />
      <BoardAlertList agents={agents} names={names} now={now} limits={alertLimits} />
      {error ? (
        <p className="form-error" role="alert">
          {messages.live.failed(error)}
        </p>
      ) : null}
      {!live && !error ? <p className="muted">{messages.live.loading}</p> : null}
      {live && agents.length === 0 ? <p className="muted">{messages.live.empty}</p> : null}
      {agents.length > 0 ? (
        <table className="live-table" aria-label={messages.live.table} role="grid" tabIndex={-1} ref={tableRef}>
          <thead>
            <tr>
              {Object.values(messages.live.columns).map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <Row
                key={a.staffNo}
                agent={a}
                name={names.get(a.staffNo) ?? a.name}
                now={now}
                limits={alertLimits}
                selected={a.staffNo === selectedNo}
                onSelect={() => setSelectedNo(a.staffNo)}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="shortcut-bar">{messages.live.shortcuts}</p>
    </section>
  );
}
