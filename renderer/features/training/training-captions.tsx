import { messages } from '../../i18n/messages';
import { useCaptionStore } from './caption-store';

/** The simulated customer's last lines (the training line's captions), newest last. */
export function TrainingCaptions() {
  const said = useCaptionStore((s) => s.said);
  if (said.length === 0) return null;
  return (
    <section className="training-captions" aria-label={messages.training.captionsLabel}>
      <ol>
        {said.map((s) => (
          <li key={`${s.at}-${s.line}`} data-line={s.line}>
            {messages.training.caption(messages.training.personas[s.persona], messages.training.lines[s.line])}
          </li>
        ))}
      </ol>
    </section>
  );
}
