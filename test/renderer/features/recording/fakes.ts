import { vi } from 'vitest';
import type { RecorderEnvironment } from '../../../../renderer/features/recording/call-recorder';
import type { EndedCall, EstablishedCall } from '../../../../renderer/features/softphone/softphone-api';

/** A stand-in MediaStream: jsdom has none. */
export function fakeStream(label: string): MediaStream {
  return { id: label } as unknown as MediaStream;
}

/** Records how the WebAudio graph was wired. */
export class FakeAudioContext {
  state = 'running';
  readonly connections: { from: string; input: number }[] = [];
  closed = false;
  createChannelMerger(n: number) {
    return { kind: 'merger', inputs: n, connect: vi.fn() };
  }
  createMediaStreamSource(stream: MediaStream) {
    return { connect: (_merger: unknown, _output: number, input: number) => this.connections.push({ from: stream.id, input }) };
  }
  createMediaStreamDestination() {
    return { channelCount: 1, stream: fakeStream('mix') };
  }
  resume = vi.fn(async () => undefined);
  close = vi.fn(async () => {
    this.closed = true;
  });
}

/** A MediaRecorder the test drives by hand. */
export class FakeMediaRecorder {
  state: 'inactive' | 'recording' = 'inactive';
  timeslice: number | undefined;
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(
    readonly stream: MediaStream,
    readonly options: MediaRecorderOptions,
  ) {}
  start(timeslice?: number) {
    this.state = 'recording';
    this.timeslice = timeslice;
  }
  /** Emits one chunk as MediaRecorder would every timeslice. */
  emit(text: string) {
    this.ondataavailable?.({ data: new Blob([text]) });
  }
  stop() {
    this.emit('final');
    this.state = 'inactive';
    queueMicrotask(() => this.onstop?.());
  }
}

/** A controllable environment and the objects it created. */
export function fakeEnvironment(options: { supported?: boolean } = {}) {
  const made: { context?: FakeAudioContext; recorder?: FakeMediaRecorder } = {};
  const clock = { t: 1_000_000 };
  const env: RecorderEnvironment = {
    createAudioContext: () => (made.context = new FakeAudioContext()) as unknown as AudioContext,
    createMediaRecorder: (stream, opts) => (made.recorder = new FakeMediaRecorder(stream, opts)) as unknown as MediaRecorder,
    isTypeSupported: () => options.supported ?? true,
    now: () => clock.t,
  };
  return { env, made, clock };
}

/** A softphone fake exposing the lifecycle callbacks and the dial gate. */
export function fakeSoftphone() {
  const established = new Set<(c: EstablishedCall) => void>();
  const ended = new Set<(c: EndedCall) => void>();
  const holds = new Set<(held: boolean, at: number) => void>();
  const softphone = {
    blocked: null as string | null,
    onCallEstablished: (l: (c: EstablishedCall) => void) => (established.add(l), () => established.delete(l)),
    onCallEnded: (l: (c: EndedCall) => void) => (ended.add(l), () => ended.delete(l)),
    onHoldChanged: (l: (held: boolean, at: number) => void) => (holds.add(l), () => holds.delete(l)),
    hold(held: boolean, at: number) {
      holds.forEach((l) => l(held, at));
    },
    setDialBlocked(reason: string | null) {
      softphone.blocked = reason;
    },
    answer(callId = 'call-1', caseId = 'P1') {
      established.forEach((l) => l({ callId, caseId, localStream: fakeStream('agent-mic'), remoteStream: fakeStream('customer'), answeredAt: 5_000 }));
    },
    hangup(callId = 'call-1') {
      ended.forEach((l) => l({ callId, reason: '坐席挂断', endedBy: 'agent', endedAt: 9_000, noMedia: [] }));
    },
  };
  return softphone;
}
