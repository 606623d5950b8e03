// Browser side, test customer: an RFC 4733 receiver tap. Chrome exposes no received DTMF to JS,
// but an encoded transform on the audio receiver sees every RTP payload after SRTP, including the
// telephone-event packets (4 bytes: event code, E bit + volume, duration). A worker forwards
// those; the page keeps the decoded keys of the current call.
const WORKER = `onrtctransform = (e) => {
  const t = e.transformer;
  t.readable.pipeThrough(new TransformStream({ transform(frame, out) {
    const meta = frame.getMetadata();
    if (frame.data.byteLength === 4) {
      const d = new Uint8Array(frame.data);
      self.postMessage({ pt: meta.payloadType, event: d[0], end: (d[1] & 0x80) !== 0, timestamp: meta.rtpTimestamp });
    }
    out.enqueue(frame);
  } })).pipeTo(t.writable);
};`;
const KEYS = '0123456789*#ABCD';
let watching = false;
let events: string[] = [];
let timestamps = new Set<number>();
let worker: Worker | null = null;
let tappedPc: RTCPeerConnection | null = null;

/** The tap's worker, started once and shared by every call's receiver. */
function tapWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(URL.createObjectURL(new Blob([WORKER], { type: 'text/javascript' })));
  worker.onerror = (e) => console.error('rfc4733 worker failed', e.message);
  worker.onmessage = (m: MessageEvent<{ pt: number; event: number; timestamp: number }>) => {
    // Only payload types negotiated as telephone-event count (a 4-byte Opus frame does not).
    const sdp = `${tappedPc?.localDescription?.sdp ?? ''}${tappedPc?.remoteDescription?.sdp ?? ''}`;
    if (!new RegExp(`^a=rtpmap:${m.data.pt} telephone-event/`, 'm').test(sdp)) return;
    // Every packet of one event (including the three end packets) carries its start timestamp.
    if (timestamps.has(m.data.timestamp)) return;
    timestamps.add(m.data.timestamp);
    events.push(KEYS[m.data.event] ?? `?${m.data.event}`);
  };
  return worker;
}

// The transform must be on the receiver before its media stream exists. sip.js adds the
// microphone track *before* applying the offer, so the audio transceiver (and its receiver) is
// created by addTrack; a transform set later, in the 'track' event, never sees a frame (Chrome
// 156, checked). So the tap goes on in addTrack/addTransceiver, and in 'track' only as fallback.
function tapReceiver(pc: RTCPeerConnection, receiver: RTCRtpReceiver) {
  if (!watching || receiver.track.kind !== 'audio' || receiver.transform) return;
  tappedPc = pc;
  receiver.transform = new RTCRtpScriptTransform(tapWorker());
}

/** Wraps RTCPeerConnection so that receivers can be tapped; passive until `watchRfc4733(true)`. */
export function installRfc4733Tap(): void {
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('track', (e) => tapReceiver(this, e.receiver));
    }

    override addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): RTCRtpSender {
      const sender = super.addTrack(track, ...streams);
      const receiver = this.getTransceivers().find((t) => t.sender === sender)?.receiver;
      if (receiver) tapReceiver(this, receiver);
      return sender;
    }

    override addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): RTCRtpTransceiver {
      const transceiver = super.addTransceiver(trackOrKind, init);
      tapReceiver(this, transceiver.receiver);
      return transceiver;
    }
  } as typeof RTCPeerConnection;
}

/** true: tap the audio receivers of calls set up from now on. */
export function watchRfc4733(enabled: boolean): void {
  watching = enabled;
  if (enabled) tapWorker();
}

/** Keys received over RTP since the last `resetRfc4733Events`, in order. */
export function rfc4733Events(): string[] {
  return [...events];
}

/** Starts a new call's list. */
export function resetRfc4733Events(): void {
  events = [];
  timestamps = new Set();
}
