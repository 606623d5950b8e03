import { ANSWER_LABELS } from '../../../shared/domain/script/answer';
import type { LogEntry, ScriptState } from '../../../shared/domain/script/script-state';
import { messages } from '../../i18n/messages';

/** True when a later `back` to the same step withdrew this answer (it stays in the log). */
function withdrawn(log: readonly LogEntry[], i: number): boolean {
  const e = log[i];
  for (let j = i + 1; j < log.length; j++) {
    const later = log[j];
    if (later.type === 'back' && later.stepId === e.stepId) return true;
    if (later.type === 'answer' && later.stepId === e.stepId && later.attempt === 'first') return false;
  }
  return false;
}

/**
 * Every answer given in this call, in order, including answers withdrawn with Backspace (shown
 * struck through): going back never erases what was said.
 */
export function AnswerHistory({ state }: { state: ScriptState }) {
  const titles = new Map(state.steps.map((s, i) => [s.id, `${i + 1}`]));
  const items = state.log.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'answer' || e.type === 'branch');
  return (
    <section className="answer-history" aria-labelledby="history-title">
      <h3 id="history-title">{messages.wizard.history}</h3>
      <ol>
        {items.map(({ e, i }) => {
          const gone = e.type === 'answer' && withdrawn(state.log, i);
          return (
            <li key={e.seq} className={gone ? 'is-withdrawn' : undefined}>
              <span className="h-step">#{titles.get(e.stepId ?? '') ?? '?'}</span>{' '}
              {e.type === 'answer' ? (
                <>
                  {messages.common.labelPrefix(e.attempt === 'after_explanation' ? messages.wizard.afterExplanation : messages.wizard.firstAsk)}
                  {e.answer ? ANSWER_LABELS[e.answer] : ''}
                </>
              ) : (
                <>→ {state.steps.find((s) => s.id === e.stepId)?.branches?.find((b) => b.code === e.branch)?.label ?? e.branch}</>
              )}
              {gone ? <span className="h-undone">{messages.common.aside(messages.wizard.undone)}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
