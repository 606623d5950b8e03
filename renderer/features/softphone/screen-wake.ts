type WakeLockSentinel = { release(): Promise<void> };
type WakeLockNavigator = Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> } };

/**
 * Keeps the display awake while a call exists, in the page. The web host cannot keep the display
 * awake from Node (the desktop app's main process does it there), so the page's Wake Lock does.
 */
export class ScreenWake {
  private held: Promise<WakeLockSentinel | null> | null = null;

  follow(callUp: boolean): void {
    const wakeLock = (navigator as WakeLockNavigator).wakeLock;
    if (!callUp) {
      const held = this.held;
      this.held = null;
      void held?.then((l) => l?.release()).catch(() => undefined);
    } else if (!this.held && wakeLock) {
      this.held = wakeLock.request('screen').catch(() => null);
    }
  }
}
