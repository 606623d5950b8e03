import type { ReactNode } from 'react';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { DEFAULT_SCHEME } from '../../../shared/domain/outcome/default-scheme';
import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import { branchAnswerLabel } from '../wizard/branch-answer-label';
import { messages } from '../../i18n/messages';
import { formatClock, formatDateTime, outcomeLabel, recordingLabel } from './session-labels';

function answerLabel(stepId: string, value: string): string {
  if (stepId === '_endReason') return messages.wizard.endReasonLabel(value);
  const branch = branchAnswerLabel(
    DEFAULT_SCRIPT.steps.find((s) => s.id === stepId),
    value,
  );
  if (branch !== null) return messages.review.branch(branch);
  const one = (a: string) => (a === 'none' ? messages.review.noReask : ((messages.review.answers as Record<string, string>)[a] ?? a));
  return value.split('->').map(one).join(' → ');
}

function stepName(id: string): string {
  if (id === '_endReason') return messages.review.endReasonStep;
  const text = DEFAULT_SCRIPT.steps.find((s) => s.id === id)?.text.replace(/\{[A-Za-z]+\}/g, '…');
  return text ? `${text.slice(0, 24)}${text.length > 24 ? '…' : ''}` : id;
}

/** What a QA needs to know about a session besides the audio: outcome, note, answers, recovery, legal hold. */
export function SessionFacts({ session, holdControl }: { session: CallSession; holdControl: ReactNode }) {
  const r = session.retention;
  const answers = Object.entries(session.answers);
  // What QA looks for first: the answers that were not a plain 是 (doubts, denials, branches).
  const problems = answers.filter(([k, v]) => k !== '_endReason' && v !== 'yes');
  const kinds = (session.kinds ?? []).map((code) => DEFAULT_SCHEME.kinds.find((k) => k.code === code)?.label.zh ?? code);
  return (
    <section className="review-facts" aria-label={messages.review.callInfo}>
      <dl>
        <dt>{messages.review.facts.outcome}</dt>
        <dd data-testid="review-outcome">{outcomeLabel(session.outcome)}</dd>
        <dt>{messages.review.facts.kinds}</dt>
        <dd data-testid="review-kinds">{kinds.length > 0 ? messages.common.list(kinds) : messages.review.facts.noKinds}</dd>
        <dt>{messages.review.facts.outcomeNote}</dt>
        <dd>{session.outcomeNote ?? messages.review.noAnswer}</dd>
        <dt>{messages.review.facts.agent}</dt>
        <dd>{session.agentId ?? messages.review.unknownAgent}</dd>
        <dt>{messages.review.facts.time}</dt>
        <dd>
          {formatDateTime(session.startedAt ?? session.createdAt)}
          {session.endedAt !== null ? ` – ${formatDateTime(session.endedAt).slice(11)}` : ''}
        </dd>
        <dt>{messages.review.facts.recording}</dt>
        <dd>{recordingLabel(session.recording.state, session.recording.recovered)}</dd>
        <dt>{messages.review.facts.duration}</dt>
        <dd>{session.recording.manifest ? formatClock(session.recording.manifest.durationMs) : messages.review.noAnswer}</dd>
        <dt>{messages.review.facts.recovered}</dt>
        <dd data-testid="review-recovered">{session.recording.recovered ? messages.review.facts.recoveredYes : messages.review.facts.recoveredNo}</dd>
        <dt>{messages.review.facts.legalHold}</dt>
        <dd data-testid="review-legal-hold">
          {r.legalHold ? messages.review.facts.legalHoldOn(r.legalHoldReason) : messages.review.facts.legalHoldOff} {holdControl}
        </dd>
        <dt>{messages.review.facts.retention}</dt>
        <dd>{r.until === null ? messages.review.facts.retentionForever : formatDateTime(r.until).slice(0, 10)}</dd>
      </dl>
      {problems.length > 0 ? (
        <>
          <h3>{messages.review.facts.problemAnswers}</h3>
          <ul className="review-answers review-problem-answers" aria-label={messages.review.facts.problemAnswers}>
            {problems.map(([k, v]) => (
              <li key={k}>{messages.common.labelled(stepName(k), answerLabel(k, v))}</li>
            ))}
          </ul>
        </>
      ) : null}
      {answers.length > 0 ? (
        <>
          <h3>{messages.review.facts.answers}</h3>
          <ul className="review-answers" aria-label={messages.review.facts.answers}>
            {answers.map(([k, v]) => (
              <li key={k}>{messages.common.labelled(stepName(k), answerLabel(k, v))}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
