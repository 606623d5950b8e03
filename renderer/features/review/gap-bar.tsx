import type { SessionTimeline } from './question-timeline';
import { messages } from '../../i18n/messages';

/**
 * The recording's time axis: a tick per question and a span per gap (period not recorded), with
 * the gaps and their reasons listed in words below it; the spans the customer was on hold, and
 * those a lead whispered or barged, likewise.
 */
export function GapBar({ timeline, durationMs }: { timeline: SessionTimeline; durationMs: number }) {
  const end = Math.max(durationMs, ...timeline.questions.map((q) => q.offsetMs), ...timeline.gaps.map((g) => g.toMs ?? g.fromMs), 1);
  const pct = (ms: number) => `${Math.min(100, (ms / end) * 100).toFixed(2)}%`;
  return (
    <div className="review-timeline">
      <div className="review-timeline-bar" aria-hidden="true">
        {timeline.gaps.map((g, i) => (
          <span
            key={`g${i}`}
            className="review-timeline-gap"
            style={{ left: pct(g.fromMs), width: `calc(${pct((g.toMs ?? end) - g.fromMs)} + 2px)` }}
            title={g.label}
          />
        ))}
        {timeline.holds.map((h, i) => (
          <span
            key={`h${i}`}
            className="review-timeline-hold"
            style={{ left: pct(h.fromMs), width: `calc(${pct((h.toMs ?? end) - h.fromMs)} + 2px)` }}
            title={h.label}
          />
        ))}
        {timeline.coaching.map((c, i) => (
          <span
            key={`c${i}`}
            className={`review-timeline-coaching review-timeline-${c.mode}`}
            style={{ left: pct(c.fromMs), width: `calc(${pct((c.toMs ?? end) - c.fromMs)} + 2px)` }}
            title={c.label}
          />
        ))}
        {timeline.questions.map((q) => (
          <span key={`q${q.no}`} className="review-timeline-tick" style={{ left: pct(q.offsetMs) }} title={`${q.no} ${q.clock}`} />
        ))}
      </div>
      {timeline.gaps.length > 0 ? (
        <ul className="review-gaps" aria-label={messages.review.gaps}>
          {timeline.gaps.map((g, i) => (
            <li key={i}>{g.label}</li>
          ))}
        </ul>
      ) : null}
      {timeline.noMedia.length > 0 ? (
        <ul className="review-gaps" aria-label={messages.review.noMedia}>
          {timeline.noMedia.map((h, i) => (
            <li key={i}>{h.label}</li>
          ))}
        </ul>
      ) : null}
      {timeline.coaching.length > 0 ? (
        <ul className="review-holds" aria-label={messages.review.coaching}>
          {timeline.coaching.map((c, i) => (
            <li key={i} data-coaching={c.mode}>
              {c.label}
            </li>
          ))}
        </ul>
      ) : null}
      {timeline.holds.length > 0 ? (
        <ul className="review-holds" aria-label={messages.review.holds}>
          {timeline.holds.map((h, i) => (
            <li key={i}>{h.label}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
