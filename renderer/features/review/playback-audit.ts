import { huifang } from '../../ipc/huifang';

/** Play and seek go to the centre's audit log (README "Evidence archive"; the host queues it offline). Never blocks playback. */
export function reportToCentre(sessionId: string, action: 'play' | 'seek', positionMs: number, questionId: string | null): void {
  void huifang()
    .archive.audit({ sessionId, action, positionMs: Math.max(0, positionMs), questionId })
    .catch(() => undefined);
}

/**
 * Moves the audio to `positionMs`, reports the seek and plays. Every jump is a playback access for
 * the centre's audit log, like the player's own (docs/domain.md §9).
 */
export function seekAndPlay(el: HTMLAudioElement, sessionId: string, positionMs: number, questionId: string | null = null): void {
  el.currentTime = Math.max(0, positionMs) / 1000;
  reportToCentre(sessionId, 'seek', positionMs, questionId);
  try {
    void Promise.resolve(el.play()).catch(() => undefined);
  } catch {
    // play() can be unavailable (no media support); the position is still set
  }
}
