import { Web } from 'sip.js';

/**
 * What a listen-in leg sends: the agent's desk sends `send` (the mix of its call, never its own
 * microphone track, so closing the leg stops only the mix); the lead's desk offers a send-receive
 * audio line with no track on it (`coach`): nothing is sent and the lead's microphone stays closed
 * until a whisper or barge is verified, when its track is put on that line without renegotiating.
 */
export type MonitorMedia = { readonly send: MediaStream } | { readonly coach: true };

/** Session description handler options of a listen-in leg (`monitorMedia` is ours; sip.js passes it on). */
export interface MonitorSdhOptions extends Web.SessionDescriptionHandlerOptions {
  readonly monitorMedia?: MonitorMedia;
}

/**
 * The softphone's media stream factory. sip.js 0.21 calls it as `(constraints, handler, options)`
 * with the options given to `invite()` / `accept()`; for listen-in legs it hands over the mix or
 * sets up an empty send-receive audio transceiver, for every other call it opens the microphone as
 * sip.js's default factory does.
 */
export function monitorAwareMediaStreamFactory(fallback: Web.MediaStreamFactory = Web.defaultMediaStreamFactory()): Web.MediaStreamFactory {
  return (constraints, handler, options) => {
    const media = (options as MonitorSdhOptions | undefined)?.monitorMedia;
    if (!media) return fallback(constraints, handler, options);
    if ('send' in media) return Promise.resolve(media.send);
    const pc = handler.peerConnection;
    // An m=audio line with a=sendrecv but no track: silent until the lead's microphone is put on it.
    if (pc && !pc.getTransceivers().some((t) => t.receiver.track.kind === 'audio')) pc.addTransceiver('audio', { direction: 'sendrecv' });
    return Promise.resolve(new MediaStream());
  };
}

/** The session description handler factory of the desk's user agent (see `monitorAwareMediaStreamFactory`). */
export function softphoneSdhFactory(): ReturnType<typeof Web.defaultSessionDescriptionHandlerFactory> {
  return Web.defaultSessionDescriptionHandlerFactory(monitorAwareMediaStreamFactory());
}
