import type { ReactNode } from 'react';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import { branchAnswerLabel } from '../wizard/branch-answer-label';
import { endReasonLabel } from '../wizard/end-reason-labels';
import { reviewMessages as m } from './review-messages';
import { formatClock, formatDateTime, outcomeLabel, recordingLabel } from './session-labels';

function answerLabel(stepId: string, value: string): string {
  if (stepId === '_endReason') return endReasonLabel(value);
  const branch = branchAnswerLabel(DEFAULT_SCRIPT.steps.find((s) => s.id === stepId), value);
  if (branch !== null) return m.branch(branch);
  const one = (a: string) => (m.answers as Record<string, string>)[a] ?? a;
  return value.split('->').map(one).join(' → ');
}

function stepName(id: string): string {
  if (id === '_endReason') return '结束原因';
  const text = DEFAULT_SCRIPT.steps.find((s) => s.id === id)?.text.replace(/\{[A-Za-z]+\}/g, '…');
  return text ? `${text.slice(0, 24)}${text.length > 24 ? '…' : ''}` : id;
}

/** What a QA needs to know about a session besides the audio: outcome, note, answers, recovery, legal hold. */
export function SessionFacts({ session, holdControl }: { session: CallSession; holdControl: ReactNode }) {
  const r = session.retention;
  const answers = Object.entries(session.answers);
  return (
    <section className="review-facts" aria-label="通话信息">
      <dl>
        <dt>{m.facts.outcome}</dt>
        <dd data-testid="review-outcome">{outcomeLabel(session.outcome)}</dd>
        <dt>{m.facts.outcomeNote}</dt>
        <dd>{session.outcomeNote ?? m.noAnswer}</dd>
        <dt>{m.facts.agent}</dt>
        <dd>{session.agentId ?? m.unknownAgent}</dd>
        <dt>{m.facts.time}</dt>
        <dd>
          {formatDateTime(session.startedAt ?? session.createdAt)}
          {session.endedAt !== null ? ` – ${formatDateTime(session.endedAt).slice(11)}` : ''}
        </dd>
        <dt>{m.facts.recording}</dt>
        <dd>{recordingLabel(session.recording.state, session.recording.recovered)}</dd>
        <dt>{m.facts.duration}</dt>
        <dd>{session.recording.manifest ? formatClock(session.recording.manifest.durationMs) : m.noAnswer}</dd>
        <dt>{m.facts.recovered}</dt>
        <dd data-testid="review-recovered">{session.recording.recovered ? m.facts.recoveredYes : m.facts.recoveredNo}</dd>
        <dt>{m.facts.legalHold}</dt>
        <dd data-testid="review-legal-hold">
          {r.legalHold ? m.facts.legalHoldOn(r.legalHoldReason) : m.facts.legalHoldOff} {holdControl}
        </dd>
        <dt>{m.facts.retention}</dt>
        <dd>{r.until === null ? m.facts.retentionForever : formatDateTime(r.until).slice(0, 10)}</dd>
      </dl>
      {answers.length > 0 ? (
        <>
          <h3>{m.facts.answers}</h3>
          <ul className="review-answers" aria-label={m.facts.answers}>
            {answers.map(([k, v]) => (
              <li key={k}>
                {stepName(k)}：{answerLabel(k, v)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
