import { followAgentVoice } from './agent-voice-bus';

/**
 * Keeps the customer leg's sender (`pc`'s audio sender) carrying every voice added to the agent's
 * side of call `callId` (see agent-voice-bus): while there is none the sender sends the agent's
 * microphone track untouched, as always; with one or more it sends a WebAudio mix of the
 * microphone and them, and goes back to the bare microphone track when the last one leaves. The
 * microphone is only read (muting it still silences the agent). Returns the stop function.
 */
export function mixIntoOutgoing(
  callId: string,
  pc: RTCPeerConnection,
  createContext: () => AudioContext = () => new AudioContext({ sampleRate: 48000 }),
): () => void {
  const sender = pc.getSenders().find((s) => s.track?.kind === 'audio');
  const mic = sender?.track ?? null;
  if (!sender || !mic) return () => undefined;
  let mix: { ctx: AudioContext; destination: MediaStreamAudioDestinationNode } | null = null;
  let count = 0;

  const open = () => {
    if (mix) return mix;
    const ctx = createContext();
    const destination = ctx.createMediaStreamDestination();
    destination.channelCount = 1;
    ctx.createMediaStreamSource(new MediaStream([mic])).connect(destination);
    mix = { ctx, destination };
    void ctx.resume().catch(() => undefined);
    void sender.replaceTrack(destination.stream.getAudioTracks()[0]).catch(() => undefined);
    return mix;
  };
  const close = () => {
    if (!mix) return;
    const { ctx } = mix;
    mix = null;
    // The bare microphone first, so the customer never hears a gap from a closed mix.
    void sender
      .replaceTrack(mic)
      .catch(() => undefined)
      .finally(() => void ctx.close().catch(() => undefined));
  };

  const unfollow = followAgentVoice(callId, (stream) => {
    const { ctx, destination } = open();
    const source = ctx.createMediaStreamSource(stream);
    source.connect(destination);
    count++;
    return () => {
      source.disconnect();
      if (--count === 0) close();
    };
  });
  return () => {
    unfollow();
    close();
  };
}
