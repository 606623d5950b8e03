/**
 * How both sides of a call are put into one stream: `stereo` keeps them apart (the agent on the
 * left channel, the customer on the right — the call recording), `mono` sums them (what a team
 * lead hears when listening in: WebRTC sends Opus mono, so a stereo mix would lose a side's
 * placement anyway and a downmix is what the lead would get).
 */
export type CallMixLayout = 'stereo' | 'mono';

/**
 * Mixes the agent's microphone (`local`) and the customer (`remote`) of one call with WebAudio
 * into a new destination node on `ctx`; its `stream` is the mix. The call's own tracks are only
 * read, never stopped: stopping the mix's track (a send-only leg closing) leaves the call alone.
 * The customer's stream must be playing on an `<audio>` element or its side is silent (INFRA.md);
 * `CallMedia` does that for every established call. `extraAgentVoices` (stereo) is handed a way to
 * add voices to the agent's channel (see agent-voice-bus: a barging lead).
 */
export function mixCallAudio(
  ctx: AudioContext,
  local: MediaStream,
  remote: MediaStream,
  layout: CallMixLayout,
  extraAgentVoices?: (connect: (stream: MediaStream) => () => void) => void,
): MediaStreamAudioDestinationNode {
  const destination = ctx.createMediaStreamDestination();
  if (layout === 'stereo') {
    const merger = ctx.createChannelMerger(2);
    ctx.createMediaStreamSource(local).connect(merger, 0, 0); // agent → left
    // A barging lead speaks on the agent's side of the call, so on the agent's channel.
    extraAgentVoices?.((stream) => {
      const source = ctx.createMediaStreamSource(stream);
      source.connect(merger, 0, 0);
      return () => source.disconnect();
    });
    ctx.createMediaStreamSource(remote).connect(merger, 0, 1); // customer → right
    destination.channelCount = 2;
    merger.connect(destination);
  } else {
    destination.channelCount = 1;
    // Two sources on one input are summed; channelCount 1 downmixes each to mono first.
    ctx.createMediaStreamSource(local).connect(destination);
    ctx.createMediaStreamSource(remote).connect(destination);
  }
  return destination;
}
