import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import type { TimelineQuestion } from './question-timeline';
import type { ChannelPeaks } from './waveform-peaks';
import { SPEEDS, type Speed } from './player-transport';
import { messages } from '../../i18n/messages';

/** Peaks for the waveform: computing (the recording is still arriving or decoding), ready, or failed with a reason. */
export type PeaksState = { kind: 'pending' } | { kind: 'ready'; peaks: ChannelPeaks } | { kind: 'failed'; reason: string };

const LANE_HEIGHT = 48;
const LANES = [
  { label: () => messages.review.channelAgent, color: '#2a5db0', progress: '#16356b' },
  { label: () => messages.review.channelCustomer, color: '#2f8a4e', progress: '#175029' },
];

/**
 * The recording's waveform, one lane per channel (agent left, customer right: the manifest's
 * `channels`), drawn by wavesurfer.js on the player's own `<audio>` element (its `media` option),
 * so wavesurfer never fetches or decodes anything: it gets the cached peaks and the duration.
 * Clicking a lane seeks the element (wavesurfer's own interaction). The questions are markers
 * over both lanes at their offsets, labelled with their text; choosing one jumps there like the
 * question list does. The speed buttons set the element's playbackRate through the player.
 */
export function ChannelWaveform({
  audio,
  peaks,
  durationMs,
  questions,
  rate,
  onRate,
  onJump,
  onSeek,
}: {
  audio: HTMLAudioElement | null;
  peaks: PeaksState;
  durationMs: number;
  questions: readonly TimelineQuestion[];
  rate: Speed;
  onRate: (rate: Speed) => void;
  onJump: (index: number) => void;
  /** A click or drag on the lanes moved the audio (ms): audited like every other seek. */
  onSeek: (positionMs: number) => void;
}) {
  const seekRef = useRef(onSeek);
  seekRef.current = onSeek;
  const lanesRef = useRef<HTMLDivElement>(null);
  const end = Math.max(durationMs, ...questions.map((q) => q.offsetMs), 1);
  const ready = peaks.kind === 'ready' ? peaks.peaks : null;

  useEffect(() => {
    const container = lanesRef.current;
    if (!audio || !ready || !container) return;
    let ws: WaveSurfer | null = null;
    try {
      ws = WaveSurfer.create({
        container,
        media: audio,
        peaks: [...ready],
        duration: end / 1000,
        height: LANE_HEIGHT,
        normalize: false,
        interact: true,
        barWidth: 1,
        cursorColor: '#e0533d',
        splitChannels: LANES.map((l) => ({ waveColor: l.color, progressColor: l.progress, height: LANE_HEIGHT })),
      });
      // Marks the lanes painted (the QA open benchmark waits for it: bench/lib/qa-evaluation-open.ts).
      ws.on('interaction', (seconds) => seekRef.current(seconds * 1000));
      ws.on('redrawcomplete', () => container.setAttribute('data-painted', 'true'));
    } catch {
      // No canvas (a host without 2-D drawing): the markers and the lane labels still work.
      ws = null;
    }
    return () => {
      container.removeAttribute('data-painted');
      ws?.destroy();
    };
  }, [audio, ready, end]);

  const pct = (ms: number) => `${Math.min(100, (ms / end) * 100).toFixed(2)}%`;
  return (
    <section className="review-waveform" aria-label={messages.review.waveform}>
      <div className="review-waveform-body">
        <ul className="review-waveform-labels">
          {LANES.map((l) => (
            <li key={l.color} style={{ height: LANE_HEIGHT }}>
              {l.label()}
            </li>
          ))}
        </ul>
        <div className="review-waveform-lanes">
          <div ref={lanesRef} data-testid="waveform-canvas" style={{ minHeight: LANE_HEIGHT * LANES.length }} />
          <div className="review-waveform-markers">
            {questions.map((q, i) => (
              <button
                type="button"
                tabIndex={-1}
                key={`${q.no}-${q.offsetMs}`}
                className={q.superseded ? 'review-marker is-superseded' : 'review-marker'}
                style={{ left: pct(q.offsetMs) }}
                data-offset-pct={((q.offsetMs / end) * 100).toFixed(2)}
                title={messages.review.marker(q.no, q.clock, q.text)}
                aria-label={messages.review.marker(q.no, q.clock, q.text)}
                onClick={() => onJump(i)}
              >
                {q.no}
              </button>
            ))}
          </div>
        </div>
      </div>
      {peaks.kind === 'pending' ? <p className="review-note">{messages.review.waveformPending}</p> : null}
      {peaks.kind === 'failed' ? <p className="review-note">{messages.review.waveformFailed(peaks.reason)}</p> : null}
      <div className="review-speeds" role="group" aria-label={messages.review.speed}>
        {SPEEDS.map((s) => (
          <button key={s} type="button" aria-pressed={s === rate} onClick={() => onRate(s)}>
            {messages.review.speedLabel(s)}
          </button>
        ))}
      </div>
    </section>
  );
}
