import { useEffect, useState } from 'react';
import { messages } from '../../i18n/messages';
import { useRecordingStore } from './recording-store';

/** mm:ss (or h:mm:ss) of an elapsed time. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${String(minutes).padStart(2, '0')}:${s}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${s}`;
}

/**
 * Shows the truth about recording: "录音中 mm:ss" while recording, "录音失败：…" in red the
 * moment anything breaks, and a red notice while no call may start because recording is broken.
 */
export function RecordingIndicator({ now = () => Date.now() }: { now?: () => number }) {
  const phase = useRecordingStore((s) => s.phase);
  const startedAt = useRecordingStore((s) => s.startedAt);
  const failure = useRecordingStore((s) => s.failure);
  const blockedReason = useRecordingStore((s) => s.blockedReason);
  const [, tick] = useState(0);
  useEffect(() => {
    if (phase !== 'recording') return undefined;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [phase]);

  let text: string | null = null;
  let alert = false;
  if (phase === 'failed') {
    text = messages.recording.failed(failure ?? '');
    alert = true;
  } else if (phase === 'recording') text = messages.recording.recording(formatElapsed(now() - (startedAt ?? now())));
  else if (phase === 'starting') text = messages.recording.recording(formatElapsed(0));
  else if (phase === 'finalising') text = messages.recording.finalising;
  const blocked = blockedReason && phase !== 'failed' ? messages.recording.blocked(blockedReason) : null;
  if (!text && !blocked) return null;
  return (
    <div className="recording-indicator" aria-label={messages.recording.label}>
      {text && (
        <span role={alert ? 'alert' : 'status'} data-state={phase} style={alert ? { color: '#c00', fontWeight: 'bold' } : undefined}>
          {/* ● rather than ⏺: the common CJK fonts have no ⏺ glyph (it showed as a box). */}
          <span className="recording-dot" aria-hidden="true" style={{ color: '#c00' }}>
            ●{' '}
          </span>
          {text}
        </span>
      )}
      {blocked && (
        <span role="alert" data-state="blocked" style={{ color: '#c00', fontWeight: 'bold' }}>
          {blocked}
        </span>
      )}
    </div>
  );
}
