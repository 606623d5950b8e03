/** A voice added to the agent's side of one call. */
interface Voice {
  readonly callId: string;
  readonly stream: MediaStream;
}

/** A consumer of one call's agent side; `onAdd` returns how to take that voice out again. */
interface Follower {
  readonly callId: string;
  readonly onAdd: (stream: MediaStream) => () => void;
  readonly removers: Map<Voice, () => void>;
}

const voices = new Set<Voice>();
const followers = new Set<Follower>();

/**
 * Adds `stream` to what the agent says in call `callId` (a barging team lead): every follower of
 * that call — the customer leg's sender, the recording's agent channel — mixes it in until the
 * returned function is called. A module of the renderer's audio layer, so the feature that adds a
 * voice (monitor) and the ones that carry the agent's side (softphone, recording) never meet.
 */
export function addAgentVoice(callId: string, stream: MediaStream): () => void {
  const voice: Voice = { callId, stream };
  voices.add(voice);
  for (const f of followers) if (f.callId === callId) f.removers.set(voice, f.onAdd(stream));
  return () => {
    if (!voices.delete(voice)) return;
    for (const f of followers) {
      f.removers.get(voice)?.();
      f.removers.delete(voice);
    }
  };
}

/** Follows the voices added to call `callId` (those present now, then each new one); returns the unfollow function. */
export function followAgentVoice(callId: string, onAdd: (stream: MediaStream) => () => void): () => void {
  const follower: Follower = { callId, onAdd, removers: new Map() };
  followers.add(follower);
  for (const v of voices) if (v.callId === callId) follower.removers.set(v, onAdd(v.stream));
  return () => {
    if (!followers.delete(follower)) return;
    for (const remove of follower.removers.values()) remove();
    follower.removers.clear();
  };
}
