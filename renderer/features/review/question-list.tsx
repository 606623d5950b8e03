import { messages } from '../../i18n/messages';
import type { TimelineQuestion } from './question-timeline';

/**
 * The questions of a replayed call in the order asked, with their answers and offsets: the one
 * selected (↑/↓) and the one being heard are marked; choosing one jumps the audio there.
 */
export function QuestionList({
  questions,
  selected,
  playing,
  scriptValues,
  onJump,
}: {
  questions: readonly TimelineQuestion[];
  selected: number;
  playing: number;
  /** Whether the session kept the values its questions were read with. */
  scriptValues: boolean;
  onJump: (index: number) => void;
}) {
  return (
    <section className="review-questions" aria-labelledby="review-questions-title">
      <h3 id="review-questions-title">{messages.review.questions}</h3>
      {questions.length === 0 ? <p>{messages.review.noQuestions}</p> : null}
      {questions.length > 0 && !scriptValues ? <p className="review-note">{messages.review.noScriptValues}</p> : null}
      <ol role="listbox" aria-label={messages.review.questions} tabIndex={0} aria-activedescendant={questions[selected] ? `review-q-${selected}` : undefined}>
        {questions.map((q, i) => (
          <li
            key={`${q.questionId}-${q.offsetMs}-${i}`}
            id={`review-q-${i}`}
            role="option"
            aria-selected={i === selected}
            aria-current={i === playing ? 'true' : undefined}
            data-offset-ms={q.offsetMs}
            data-superseded={q.superseded ? 'true' : undefined}
            className={[
              'review-q',
              i === selected ? 'selected' : '',
              i === playing ? 'playing' : '',
              q.inGap ? 'in-gap' : '',
              q.superseded ? 'is-superseded' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            onClick={() => onJump(i)}
          >
            <span className="review-q-no">{q.no}</span>
            <span className="review-q-clock">{q.clock}</span>
            <span className="review-q-text">{q.text}</span>
            {q.superseded ? (
              <span className="review-q-answer">
                <s>{q.answer}</s> <span className="review-q-superseded">{messages.common.aside(messages.review.superseded)}</span>
              </span>
            ) : (
              <span className="review-q-answer">
                {q.answer}
                {q.explained ? <span className="review-q-explained">{messages.common.aside(messages.review.explained)}</span> : null}
              </span>
            )}
            {q.inGap ? <span className="review-q-gap">{messages.review.gaps}</span> : null}
          </li>
        ))}
      </ol>
      <p className="shortcut-bar">{messages.review.playerShortcuts}</p>
    </section>
  );
}
