import { Web } from 'sip.js';
import type { CustomerLeg, CustomerMedia } from './customer-media';
import type { LineId, Voice } from './personas';

/*
 * The simulated customer's media in the page itself: real WebRTC (sip.js's own session description
 * handler, so the desk's peer connection talks to a real one) whose outgoing audio is a WebAudio
 * MediaStreamAudioDestinationNode; speaking plays a recorded clip into it. The customer does not
 * listen to the agent.
 */

/** The committed clips (made by scripts/make-training-clips.ts), by file name. */
const CLIP_URLS = import.meta.glob<string>('./clips/*.opus', { query: '?url', import: 'default', eager: true });

function clipUrl(voice: Voice, line: LineId): string | null {
  return CLIP_URLS[`./clips/${voice}-${line}.opus`] ?? null;
}

/**
 * The clip's bytes. A build may inline small assets as data: URLs, which the renderer's CSP does
 * not let `fetch` load (connect-src 'self'), so those are decoded here.
 */
async function clipBytes(url: string): Promise<ArrayBuffer> {
  const inline = /^data:[^,]*;base64,(.*)$/.exec(url);
  if (inline) return Uint8Array.from(atob(inline[1]), (c) => c.charCodeAt(0)).buffer;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`clip ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * Customer media on WebAudio. The AudioContext is made on the first call (after the agent's first
 * gesture, so autoplay rules let it run); decoded clips are kept for later calls. A clip that is
 * missing or fails to decode is said silently (the caption still shows).
 */
export function webAudioMedia(makeContext: () => AudioContext = () => new AudioContext()): CustomerMedia {
  let context: AudioContext | null = null;
  const decoded = new Map<string, Promise<AudioBuffer | null>>();

  const buffer = (audio: AudioContext, voice: Voice, line: LineId): Promise<AudioBuffer | null> => {
    const url = clipUrl(voice, line);
    if (!url) return Promise.resolve(null);
    let found = decoded.get(url);
    if (!found) {
      found = clipBytes(url)
        .then((bytes) => audio.decodeAudioData(bytes))
        .catch(() => null);
      decoded.set(url, found);
    }
    return found;
  };

  return {
    leg(voice: Voice): CustomerLeg {
      const audio = (context ??= makeContext());
      const destination = audio.createMediaStreamDestination();
      // A destination with nothing playing into it yields no audio frames, so no RTP: the desk would
      // take the customer's silence between lines for a dead line (media-flow.ts). A silent source
      // keeps the stream running for the whole call, as a real line's silence does.
      const bed = audio.createConstantSource();
      bed.offset.value = 0;
      bed.connect(destination);
      bed.start();
      let playing: { source: AudioBufferSourceNode; done: () => void } | null = null;
      let closed = false;

      const hush = () => {
        const now = playing;
        playing = null;
        if (!now) return;
        try {
          now.source.stop();
        } catch {
          /* never started */
        }
        now.done();
      };

      return {
        sdhFactory: Web.defaultSessionDescriptionHandlerFactory(() => Promise.resolve(destination.stream)),
        async say(line) {
          hush();
          if (audio.state === 'suspended') await audio.resume().catch(() => undefined);
          const clip = await buffer(audio, voice, line);
          if (!clip || closed) return;
          await new Promise<void>((resolve) => {
            const source = audio.createBufferSource();
            source.buffer = clip;
            source.connect(destination);
            const entry = { source, done: resolve };
            playing = entry;
            source.onended = () => {
              if (playing === entry) playing = null;
              source.disconnect();
              resolve();
            };
            source.start();
          });
        },
        hush,
        close() {
          closed = true;
          hush();
          bed.stop();
          bed.disconnect();
          for (const track of destination.stream.getTracks()) track.stop();
        },
      };
    },
  };
}
