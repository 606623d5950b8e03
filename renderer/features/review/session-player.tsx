import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { huifang } from '../../ipc/huifang';
import { LegalHoldControl } from './legal-hold-control';
import { buildTimeline, questionAt } from './question-timeline';
import { streamRecording, type RecordingStream } from './recording-loader';
import { messages } from '../../i18n/messages';
import { SessionFacts } from './session-facts';
import { GapBar } from './gap-bar';
import { QaEvaluationPanel } from './qa-evaluation-panel';
import { ChannelWaveform, type PeaksState } from './channel-waveform';
import { cachedPeaks, canDecodePeaks, computePeaks, manifestPeaks } from './waveform-peaks';
import { neighbourQuestion, stepSpeed, transportKey, type Speed } from './player-transport';
import { reportToCentre, seekAndPlay } from './playback-audit';
import { QuestionList } from './question-list';

type AudioState = { kind: 'loading'; loaded: number; total: number } | { kind: 'ready'; url: string; durationMs: number } | { kind: 'refused'; reason: string };

function typingIn(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return el?.tagName === 'INPUT' || el?.tagName === 'TEXTAREA';
}

/**
 * Replays one recorded session: the audio (streamed through `playback:*`, playing on its first
 * bytes, held in memory behind an object URL that is revoked on leaving), the questions asked in order with their answers
 * and offsets, gaps, outcome and legal hold. Choosing a question jumps the audio there and plays;
 * the question being heard is highlighted. A refused playback shows the host's reason.
 */
export function SessionPlayer({
  sessionId,
  canHold,
  canScore = false,
  startAt = null,
  aside,
  onBack,
}: {
  sessionId: string;
  canHold: boolean;
  canScore?: boolean;
  /** Epoch ms the audio jumps to and plays from once it can (an agent's replay opens at the first failed item). */
  startAt?: number | null;
  /** Shown beside the questions, given a jump to an epoch ms (audited like every seek). */
  aside?: (seekTo: (at: number) => void) => ReactNode;
  onBack: () => void;
}) {
  // The player's keys are the screen's: focus it when a session opens (the list it replaced had focus).
  const rootRef = useRef<HTMLElement>(null);
  useFocusOnMount(rootRef);
  const [session, setSession] = useState<CallSession | null>(null);
  const [sessionError, setSessionError] = useState<string | null>(null);
  const [audio, setAudio] = useState<AudioState>({ kind: 'loading', loaded: 0, total: 0 });
  const [selected, setSelected] = useState(0);
  const [playing, setPlaying] = useState(-1);
  const audioRef = useRef<HTMLAudioElement>(null);
  const [audioEl, setAudioEl] = useState<HTMLAudioElement | null>(null);
  const [peaks, setPeaks] = useState<PeaksState>({ kind: 'pending' });
  const [rate, setRate] = useState<Speed>(1);
  // Stable, so React attaches it once per element (wavesurfer and the speed follow the element itself).
  const attachAudio = useCallback((el: HTMLAudioElement | null) => {
    audioRef.current = el;
    setAudioEl(el);
  }, []);
  const timeline = useMemo(() => (session ? buildTimeline(session) : null), [session]);
  const questions = useMemo(() => timeline?.questions ?? [], [timeline]);

  useEffect(() => {
    let live = true;
    let stream: RecordingStream | null = null;
    let fromManifest = false;
    const cached = cachedPeaks(sessionId);
    void (async () => {
      const got = await huifang().session.get({ sessionId });
      if (!live) return;
      if (!got.ok) return setSessionError(got.error.message);
      setSession(got.value);
      // The recorder's own waveform: drawn at once, and the streamed bytes need no decoding.
      const recorded = got.value.recording.manifest?.peaks;
      if (recorded && !cached) {
        fromManifest = true;
        setPeaks({ kind: 'ready', peaks: manifestPeaks(recorded) });
      }
    })();
    // The audio streams beside the session's facts: it plays on its first bytes (recording-loader.ts).
    let ready = false;
    const decodable = canDecodePeaks();
    setPeaks(cached ? { kind: 'ready', peaks: cached } : decodable ? { kind: 'pending' } : { kind: 'failed', reason: messages.review.noDecoder });
    // The waveform's one decode uses the bytes this stream already holds; a cached recording is not decoded again.
    const onComplete =
      cached || !decodable
        ? undefined
        : (parts: readonly Uint8Array[]) => {
            if (fromManifest) return;
            void computePeaks(sessionId, parts, 0).then(
              (p) => live && setPeaks({ kind: 'ready', peaks: p }),
              (err: unknown) => live && setPeaks({ kind: 'failed', reason: err instanceof Error ? err.message : String(err) }),
            );
          };
    stream = streamRecording(sessionId, {
      onComplete,
      onPlayable: (url, durationMs) => {
        ready = true;
        if (live) setAudio({ kind: 'ready', url, durationMs });
      },
      onProgress: (loaded, total) => !ready && live && setAudio({ kind: 'loading', loaded, total }),
      onFailed: (reason) => live && setAudio({ kind: 'refused', reason }),
    });
    return () => {
      live = false;
      stream?.stop(); // closes the host's handle and revokes the URL: the audio must not outlive the screen
    };
  }, [sessionId]);

  const jump = useCallback(
    (i: number) => {
      const q = questions[i];
      if (!q) return;
      setSelected(i);
      const el = audioRef.current;
      if (!el) return;
      setPlaying(i);
      seekAndPlay(el, sessionId, q.offsetMs, q.questionId);
    },
    [questions, sessionId],
  );

  useEffect(() => {
    if (audioEl) audioEl.playbackRate = rate;
  }, [audioEl, rate]);

  const origin = timeline?.origin ?? null;
  const seekTo = useCallback((at: number) => audioRef.current && origin !== null && seekAndPlay(audioRef.current, sessionId, at - origin), [origin, sessionId]);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || startAt === null || !audioEl || origin === null) return;
    started.current = true;
    seekTo(startAt);
  }, [audioEl, origin, startAt, seekTo]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
      const k = e.key;
      if (k === 'Escape') {
        e.preventDefault();
        onBack();
      } else if (k === 'ArrowDown' || k === 'j' || k === 'J') {
        e.preventDefault();
        setSelected((s) => Math.min(Math.max(0, questions.length - 1), s + 1));
      } else if (k === 'ArrowUp' || k === 'k' || k === 'K') {
        e.preventDefault();
        setSelected((s) => Math.max(0, s - 1));
      } else if (k === 'Enter' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') {
        e.preventDefault();
        jump(selected);
      } else if (/^[1-9]$/.test(k)) {
        e.preventDefault();
        jump(Number(k) - 1);
      } else if (transportKey(k) && (e.target as HTMLElement | null)?.tagName !== 'AUDIO') {
        // The element's own controls take ←/→ when focused; everywhere else they are the player's.
        e.preventDefault();
        const t = transportKey(k)!;
        const el = audioRef.current;
        if (t.kind === 'speed') setRate((r) => stepSpeed(r, t.dir));
        else if (t.kind === 'question' && el)
          jump(
            neighbourQuestion(
              questions.map((q) => q.offsetMs),
              el.currentTime * 1000,
              t.dir,
            ),
          );
        else if (t.kind === 'seekBy' && el) {
          const to = Math.max(0, el.currentTime + t.ms / 1000);
          el.currentTime = Number.isFinite(el.duration) ? Math.min(el.duration, to) : to;
          reportToCentre(sessionId, 'seek', el.currentTime * 1000, null);
        }
      } else if (k === ' ' && !['BUTTON', 'AUDIO'].includes((e.target as HTMLElement | null)?.tagName ?? '')) {
        e.preventDefault();
        const el = audioRef.current;
        if (el?.paused) void Promise.resolve(el.play()).catch(() => undefined);
        else el?.pause();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [jump, onBack, questions, selected, sessionId]);

  const title = messages.review.playerTitle(session?.caseId ?? messages.review.noCase);
  return (
    <section className="review-player" aria-label={messages.review.player} tabIndex={-1} ref={rootRef}>
      <div className="review-player-head">
        <h2>{title}</h2>
        <button type="button" onClick={onBack}>
          {messages.review.back}
        </button>
      </div>
      {sessionError ? (
        <p className="form-error" role="alert">
          {messages.review.sessionRefused(sessionError)}
        </p>
      ) : null}
      {!sessionError && !session ? <p role="status">{messages.review.loadingSession}</p> : null}
      {session ? (
        <>
          {audio.kind === 'loading' ? <p role="status">{messages.review.loadingAudio(audio.loaded, audio.total)}</p> : null}
          {audio.kind === 'refused' ? (
            <p className="form-error" role="alert">
              {messages.review.refused(audio.reason)}
            </p>
          ) : null}
          {audio.kind === 'ready' ? (
            <audio
              ref={attachAudio}
              controls
              preload="auto"
              aria-label={messages.review.player}
              src={audio.url}
              controlsList="nodownload"
              onTimeUpdate={(e) => setPlaying(questionAt(questions, e.currentTarget.currentTime))}
              onPlay={(e) => reportToCentre(sessionId, 'play', e.currentTarget.currentTime * 1000, null)}
            />
          ) : null}
          {audio.kind === 'ready' ? (
            <ChannelWaveform
              audio={audioEl}
              peaks={peaks}
              durationMs={audio.durationMs}
              questions={questions}
              rate={rate}
              onRate={setRate}
              onJump={jump}
              onSeek={(ms) => reportToCentre(sessionId, 'seek', ms, null)}
            />
          ) : null}
          {timeline ? <GapBar timeline={timeline} durationMs={session.recording.manifest?.durationMs ?? 0} /> : null}
          <div className="review-body">
            <QuestionList questions={questions} selected={selected} playing={playing} scriptValues={Boolean(session.scriptValues)} onJump={jump} />
            {canScore ? <QaEvaluationPanel session={session} audio={audioRef} origin={origin} /> : null}
            {aside?.(seekTo)}
            <SessionFacts
              session={session}
              holdControl={
                canHold ? (
                  <LegalHoldControl sessionId={session.id} retention={session.retention} onChanged={(retention) => setSession({ ...session, retention })} />
                ) : null
              }
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
