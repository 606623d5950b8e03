import type { UserAgentOptions } from 'sip.js';
import { startCustomerCall } from './customer-call';
import type { CustomerMedia } from './customer-media';
import type { LineId, PersonaId } from './personas';
import { Switchboard } from './switchboard';
import { WireTransport, type WireTransportOptions } from './training-wire';
import { webAudioMedia } from './web-audio-media';

/** What the agent is reading now, as the wizard shows it (the app feeds this from the wizard store). */
export interface TrainingCue {
  readonly stepId: string;
  readonly phase: 'asking' | 'explaining';
  /** Increments on every new prompt, including asking the same step again. */
  readonly seq: number;
  /**
   * The text the agent reads aloud (the question, or the explanation and the question again). When
   * given, the customer waits until it could have been read before replying.
   */
  readonly text?: string;
}

export interface TrainingCues {
  current(): TrainingCue | null;
  subscribe(listener: () => void): () => void;
}

/** Something a simulated customer said (the UI shows `messages.training.lines[line]` as its caption). */
export interface CustomerSaid {
  readonly persona: PersonaId;
  readonly line: LineId;
  readonly at: number;
}

export interface TrainingLineDeps {
  readonly cues: TrainingCues;
  /** The AudioContext the customers speak through (default: a new one on the first call). */
  readonly audioContext?: () => AudioContext;
  /** The customers' media (default: WebRTC + WebAudio clips); tests give one without either. */
  readonly media?: CustomerMedia;
  /** In [0, 1): picks ring and reply delays within their human ranges (default Math.random). */
  readonly random?: () => number;
  /** Multiplies every ring and reply delay (default 1; tests run faster). */
  readonly pace?: number;
}

/** sip.js 0.21 does not export a name for it: the type of `UserAgentOptions.transportConstructor`. */
type TransportConstructor = NonNullable<UserAgentOptions['transportConstructor']>;

export interface TrainingLine {
  /** Put into the desk's sip.js UserAgentOptions instead of transportOptions.server: an in-process transport whose far end is the training switchboard. */
  readonly transportConstructor: TransportConstructor;
  readonly transportOptions: unknown;
  /** The persona the last/current call reached (for the post-call verdict), or null. */
  lastPersona(): PersonaId | null;
  /** Follows what the customers say (captions); returns the unsubscribe function. */
  said?(listener: (said: CustomerSaid) => void): () => void;
  stop(): Promise<void>;
}

/**
 * The training line (培训线路): an in-process SIP line for the desk's own user agent whose far end
 * registers the desk and puts every call through to a simulated customer (`personas.ts`), so the
 * real softphone, script wizard, recording and outcome code can be practised on with no SIP server.
 */
export function createTrainingLine(deps: TrainingLineDeps): TrainingLine {
  let media: CustomerMedia | null = deps.media ?? null;
  const listeners = new Set<(said: CustomerSaid) => void>();
  const switchboard = new Switchboard((persona, target, plug) =>
    startCustomerCall(persona, target, plug, {
      cues: deps.cues,
      // Made on the first call, not before: an AudioContext wants the agent's gesture first.
      leg: (media ??= webAudioMedia(deps.audioContext)).leg(persona.voice),
      random: deps.random ?? Math.random,
      pace: deps.pace ?? 1,
      said: (line) => {
        const said: CustomerSaid = { persona: persona.id, line, at: Date.now() };
        for (const listener of listeners) listener(said);
      },
    }),
  );
  return {
    transportConstructor: WireTransport,
    transportOptions: { plug: (receive) => switchboard.plugDesk(receive) } satisfies WireTransportOptions,
    lastPersona: () => switchboard.lastPersona(),
    said(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop: () => switchboard.stop(),
  };
}
