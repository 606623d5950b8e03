// A page with both ends of the training line in it: a desk user agent (sip.js's own WebRTC session
// description handler, the fake microphone) dials a persona over the in-process wire; the simulated
// customer answers with real WebRTC and speaks its clips through WebAudio. Served by the Vite dev
// server of test/e2e/training-media.test.ts, which calls `window.trainingCall`.
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Web } from 'sip.js';
import { createTrainingLine, type TrainingCue } from '../../../renderer/features/training/training-line';

/** What one call over the training line showed on the desk's side. */
export interface TrainingCallReport {
  readonly registered: boolean;
  readonly established: boolean;
  readonly persona: string | null;
  readonly said: readonly string[];
  /** The desk's inbound audio stream (getStats `inbound-rtp`). */
  readonly packetsReceived: number;
  readonly totalAudioEnergy: number;
  /** Packets received 1.5 s later, while the customer says nothing. */
  readonly packetsLater: number;
  readonly iceState: string;
}

declare global {
  interface Window {
    trainingCall(number: string, listenMs: number): Promise<TrainingCallReport>;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return true;
  return check();
}

window.trainingCall = async (number, listenMs) => {
  let cue: TrainingCue | null = null;
  const listeners = new Set<() => void>();
  const cues = {
    current: () => cue,
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
  };
  const said: string[] = [];
  const line = createTrainingLine({ cues, random: () => 0, pace: 0.3 });
  line.said?.((s) => said.push(s.line));
  const ua = new UserAgent({
    uri: UserAgent.makeURI('sip:1001@training.invalid'),
    transportConstructor: line.transportConstructor,
    transportOptions: line.transportOptions,
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
    logLevel: 'error',
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  await registerer.register();
  const registered = await until(() => registerer.state === RegistererState.Registered, 3000);

  const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${number}@training.invalid`)!, {
    sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
  });
  await inviter.invite();
  const established = await until(() => inviter.state === SessionState.Established, 10_000);
  // Played like the desk's CallMedia does: Chromium measures received audio energy only for a played track.
  const sdh = inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const speaker = new Audio();
  if (sdh) speaker.srcObject = sdh.remoteMediaStream;
  await speaker.play().catch(() => undefined);
  cue = { stepId: 'identity', phase: 'asking', seq: 1 };
  listeners.forEach((l) => l());
  await sleep(listenMs);

  const pc = sdh?.peerConnection;
  const inbound = async () => {
    let found = { packetsReceived: 0, totalAudioEnergy: 0 };
    (await pc?.getStats())?.forEach((r: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') found = { packetsReceived: r.packetsReceived ?? 0, totalAudioEnergy: r.totalAudioEnergy ?? 0 };
    });
    return found;
  };
  const { packetsReceived, totalAudioEnergy } = await inbound();
  // The customer is silent now (its reply is over): the line must keep carrying packets.
  await sleep(1500);
  const packetsLater = (await inbound()).packetsReceived;
  const iceState = pc?.iceConnectionState ?? 'none';
  const report = { registered, established, persona: line.lastPersona(), said, packetsReceived, packetsLater, totalAudioEnergy, iceState };
  speaker.pause();
  if (inviter.state === SessionState.Established) await inviter.bye().catch(() => undefined);
  await sleep(200);
  await line.stop();
  await ua.stop();
  return report;
};
