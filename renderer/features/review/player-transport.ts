/** Playback speeds QA can choose (README "Evidence archive", the QA player). */
export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;
export type Speed = (typeof SPEEDS)[number];

/** How far ←/→ move the audio (ms). */
const STEP_MS = 5000;
/**
 * `[` inside this much of a question's start goes to the question before it, not back to the
 * start of the one just heard (the way a media player's "previous track" works).
 */
const PREVIOUS_GRACE_MS = 1500;

/** What a transport key asks for; null when the key is not one of them. */
export type TransportKey = { kind: 'seekBy'; ms: number } | { kind: 'question'; dir: -1 | 1 } | { kind: 'speed'; dir: -1 | 1 };

export function transportKey(key: string): TransportKey | null {
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'seekBy', ms: -STEP_MS };
    case 'ArrowRight':
      return { kind: 'seekBy', ms: STEP_MS };
    case '[':
      return { kind: 'question', dir: -1 };
    case ']':
      return { kind: 'question', dir: 1 };
    case '-':
      return { kind: 'speed', dir: -1 };
    case '+':
    case '=':
      return { kind: 'speed', dir: 1 };
    default:
      return null;
  }
}

/** The next slower / faster speed, staying at the ends. */
export function stepSpeed(rate: Speed, dir: -1 | 1): Speed {
  const i = SPEEDS.indexOf(rate);
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i + dir))]!;
}

/**
 * The question `]` / `[` goes to from `positionMs`: the first one after it, or the one before the
 * question being heard; -1 when there is none that way. `offsets` are in the order asked.
 */
export function neighbourQuestion(offsets: readonly number[], positionMs: number, dir: -1 | 1): number {
  if (dir === 1) return offsets.findIndex((o) => o > positionMs + 1);
  for (let i = offsets.length - 1; i >= 0; i--) if (offsets[i]! < positionMs - PREVIOUS_GRACE_MS) return i;
  return -1;
}
