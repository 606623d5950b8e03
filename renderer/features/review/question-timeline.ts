import { COACHING_MARKER, HOLD_MARKER, NO_MEDIA_MARKER, type CallSession, type RecordingGap } from '../../../shared/ipc/channels/recording';
import type { ScriptDefinition, ScriptStep } from '../../../shared/domain/script/script-definition';
import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import { branchAnswerLabel } from '../wizard/branch-answer-label';
import { messages } from '../../i18n/messages';
import { formatClock } from './session-labels';

/** One asked question of a recorded session, placed on the recording's time axis. */
export interface TimelineQuestion {
  /** 1-based position in the order asked (the number key that jumps to it). */
  readonly no: number;
  readonly questionId: string;
  /** Script text as read: placeholders filled from the session's values (older sessions: by name, 〔产品名称〕). */
  readonly text: string;
  /** zh-CN answer label (是 / 否 / 不清楚 / 拒答 / 分支：…). */
  readonly answer: string;
  /** Milliseconds from the start of the recording (marker time − manifest startedAt), ≥ 0. */
  readonly offsetMs: number;
  /** `offsetMs` as mm:ss. */
  readonly clock: string;
  /** True when the question falls inside a period that was not recorded. */
  readonly inGap: boolean;
  /**
   * True when a later marker for the same question replaced this answer (the agent went back with
   * Backspace and answered the question afresh): it is shown as 已撤回/更正 and the last fresh
   * answer of the question (with its re-ask, if any) is the one that counts.
   */
  readonly superseded: boolean;
  /** This answer was given on the re-ask after an explanation (shown as 复问后：…). */
  readonly reask: boolean;
  /** A non-是 first answer whose re-ask follows (shown as 已解释，复问): kept, not replaced. */
  readonly explained: boolean;
}

/** A period without audio, relative to the recording start. */
export interface TimelineGap {
  readonly fromMs: number;
  /** null while the gap was never closed (recording ended inside it). */
  readonly toMs: number | null;
  readonly reason: string;
  readonly label: string;
}

/** A period the customer was on hold: the agent's channel was recorded but not heard by the customer. */
export interface TimelineHold {
  readonly fromMs: number;
  /** null when the call ended on hold. */
  readonly toMs: number | null;
  readonly label: string;
}

/** A period a lead whispered to the agent (not in the recording) or barged into the call (in it). */
export interface TimelineCoaching extends TimelineHold {
  readonly mode: 'whisper' | 'barge';
  readonly lead: string;
}

/** The questions asked in a session, in order, with offsets into the recording, its gaps and its holds. */
export interface SessionTimeline {
  /** Epoch ms of the recording start (manifest), or of the first marker when there is no manifest. */
  readonly origin: number | null;
  readonly questions: readonly TimelineQuestion[];
  readonly gaps: readonly TimelineGap[];
  readonly holds: readonly TimelineHold[];
  /** Spans the customer could not be heard (same shape as holds). */
  readonly noMedia: readonly TimelineHold[];
  /** Spans a lead whispered or barged (the session's `_coaching` markers). */
  readonly coaching: readonly TimelineCoaching[];
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/**
 * The question as it was read: the placeholders filled with the values kept on the session; a
 * session recorded before values were kept shows the others by name (〔产品名称〕).
 */
function questionText(step: ScriptStep | undefined, questionId: string, staffNo: string | null, values: Readonly<Record<string, string>>): string {
  if (!step) return questionId;
  return step.text.replace(PLACEHOLDER, (whole, name: string) => {
    if (values[name] !== undefined) return values[name];
    if (name === 'staffNo' && staffNo) return staffNo;
    const label = messages.review.placeholders[name] ?? (name === 'staffNo' ? messages.review.staffNoPlaceholder : null);
    return label ? messages.review.placeholder(label) : whole;
  });
}

function answerText(step: ScriptStep | undefined, answer: string | null): string {
  if (answer === null) return messages.review.noAnswer;
  const branch = branchAnswerLabel(step, answer);
  if (branch !== null) return messages.review.branch(branch);
  return (messages.review.answers as Record<string, string>)[answer] ?? answer;
}

function toGap(g: RecordingGap, origin: number): TimelineGap {
  const fromMs = Math.max(0, g.startedAt - origin);
  const toMs = g.endedAt === null ? null : Math.max(0, g.endedAt - origin);
  return { fromMs, toMs, reason: g.reason, label: messages.review.gapAt(formatClock(fromMs), toMs === null ? null : formatClock(toMs), g.reason) };
}

/**
 * Builds the replay timeline of a session: its markers sorted by time (a question answered again
 * appears each time it was answered: a first answer followed by its re-ask after an explanation is
 * marked `explained`, answers replaced after Backspace are marked `superseded`), each with the
 * script text of its step, the
 * answer's zh-CN label and its offset into the recording. The offset is measured from the
 * recording manifest's `startedAt`; without a manifest from the first marker.
 */
export function buildTimeline(session: CallSession, script: ScriptDefinition = DEFAULT_SCRIPT): SessionTimeline {
  const all = [...session.markers].sort((a, b) => a.at - b.at);
  const markers = all.filter((m) => m.questionId !== HOLD_MARKER && m.questionId !== NO_MEDIA_MARKER && m.questionId !== COACHING_MARKER);
  const origin = session.recording.manifest?.startedAt ?? all[0]?.at ?? null;
  if (origin === null) return { origin, questions: [], gaps: [], holds: [], noMedia: [], coaching: [] };
  const gaps = (session.recording.manifest?.gaps ?? session.recording.gaps).map((g) => toGap(g, origin));
  const questions = markers.map((mk, i): TimelineQuestion => {
    const step = script.steps.find((s) => s.id === mk.questionId);
    const offsetMs = Math.max(0, mk.at - origin);
    // The wizard sends one marker per answer. A re-ask answer completes the answer before it; a
    // later fresh answer to the same question (after Backspace) replaces both.
    const later = markers.slice(i + 1).filter((l) => l.questionId === mk.questionId);
    const answered = mk.answer !== null && !mk.answer.startsWith('branch:');
    const reask = mk.reask === true;
    const superseded = answered && later.some((l) => reask || l.reask !== true);
    const explained = answered && !reask && later[0]?.reask === true;
    return {
      no: i + 1,
      questionId: mk.questionId,
      text: questionText(step, mk.questionId, session.agentId, session.scriptValues ?? {}),
      answer: reask ? `${messages.review.reask}${answerText(step, mk.answer)}` : answerText(step, mk.answer),
      offsetMs,
      clock: formatClock(offsetMs),
      inGap: gaps.some((g) => offsetMs >= g.fromMs && (g.toMs === null || offsetMs < g.toMs)),
      superseded,
      reask,
      explained,
    };
  });
  return {
    origin,
    questions,
    gaps,
    holds: holdSpans(
      all.filter((m) => m.questionId === HOLD_MARKER),
      origin,
    ),
    noMedia: all.filter((m) => m.questionId === NO_MEDIA_MARKER).map((m) => noMediaSpan(m.at, m.answer ?? '', origin)),
    coaching: coachingSpans(
      all.filter((m) => m.questionId === COACHING_MARKER),
      origin,
    ),
  };
}

/**
 * Pairs `_coaching` markers into spans: `whisper:<lead>` or `barge:<lead>` opens one (closing the
 * one before, a switch), `off` closes it; a span still open ran to the end of the call.
 */
function coachingSpans(marks: readonly { at: number; answer: string | null }[], origin: number): TimelineCoaching[] {
  const spans: TimelineCoaching[] = [];
  let open: { fromMs: number; mode: 'whisper' | 'barge'; lead: string } | null = null;
  const close = (toMs: number | null) => {
    if (open)
      spans.push({
        ...open,
        toMs,
        label: messages.review.coachingAt(formatClock(open.fromMs), toMs === null ? null : formatClock(toMs), open.mode, open.lead),
      });
    open = null;
  };
  for (const m of marks) {
    const at = Math.max(0, m.at - origin);
    const [mode, lead] = (m.answer ?? '').split(':');
    if (m.answer === 'off') close(at);
    else if ((mode === 'whisper' || mode === 'barge') && lead) {
      close(at);
      open = { fromMs: at, mode, lead };
    }
  }
  close(null);
  return spans;
}

/** A `_no_media` marker (`<reason>|<end ms>`) as a span relative to the recording start. */
function noMediaSpan(at: number, answer: string, origin: number): TimelineHold {
  const [reason, end] = answer.split('|');
  const fromMs = Math.max(0, at - origin);
  const toMs = end ? Math.max(0, Number(end) - origin) : null;
  return { fromMs, toMs, label: messages.review.noMediaAt(formatClock(fromMs), toMs === null ? null : formatClock(toMs), reason ?? '') };
}

/** Pairs hold (`on`) and resume (`off`) markers into spans relative to the recording start. */
function holdSpans(marks: readonly { at: number; answer: string | null }[], origin: number): TimelineHold[] {
  const spans: TimelineHold[] = [];
  let from: number | null = null;
  const span = (a: number, b: number | null): TimelineHold => ({
    fromMs: a,
    toMs: b,
    label: messages.review.holdAt(formatClock(a), b === null ? null : formatClock(b)),
  });
  for (const m of marks) {
    const at = Math.max(0, m.at - origin);
    if (m.answer === 'on' && from === null) from = at;
    else if (m.answer === 'off' && from !== null) {
      spans.push(span(from, at));
      from = null;
    }
  }
  if (from !== null) spans.push(span(from, null));
  return spans;
}

/** Index of the question being heard at `seconds` into the recording (the last one started), or -1. */
export function questionAt(questions: readonly TimelineQuestion[], seconds: number): number {
  let found = -1;
  for (let i = 0; i < questions.length; i++) if (questions[i]!.offsetMs <= seconds * 1000 + 1) found = i;
  return found;
}
