import type { HuifangDb } from '../../data/huifang-db';
import { claimDueCallbacks } from '../../data/callback-repo';
import { refreshQueueRow } from '../../data/case-repo';
import { readQueueRow } from '../../data/queue-repo';
import { messages } from '../../i18n/messages';

/** How often due callbacks are looked for. */
const CHECK_MS = 20_000;

/**
 * Watches booked callbacks: when one falls due (mine, or booked for anyone), marks it notified,
 * moves the case up to the "callback due" tier of the queue (badge) and shows a desktop
 * notification. `onDue` lets the queue re-read the row.
 */
export function watchCallbacks(
  db: HuifangDb,
  me: string,
  onDue: (policyNo: string) => void,
  notify: (title: string, body: string) => void = desktopNotify,
  now: () => Date = () => new Date(),
): { check: () => Promise<number>; stop: () => void } {
  // One check at a time: a check asked for while one runs waits for it, so a due callback is
  // claimed (pending → notified) and announced exactly once.
  let running: Promise<number> = Promise.resolve(0);
  const checkOnce = async () => {
    const at = now();
    const claimed = await claimDueCallbacks(db, at, me);
    for (const cb of claimed) {
      await refreshQueueRow(db, cb.policyNo, at);
      const row = await readQueueRow(db, cb.policyNo);
      notify(messages.callbacks.notificationTitle, messages.callbacks.due(cb.policyNo, row?.holderName ?? ''));
      onDue(cb.policyNo);
    }
    return claimed.length;
  };
  const check = () => {
    running = running.catch(() => 0).then(checkOnce);
    return running;
  };
  const timer = setInterval(() => void check(), CHECK_MS);
  void check();
  return { check, stop: () => clearInterval(timer) };
}

/** A desktop notification when the agent allowed them (Electron and Chromium both support it). */
export function desktopNotify(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag: body });
  } catch {
    /* notifications unavailable in this context */
  }
}

/** Asks for notification permission (call from a user gesture, e.g. sign-in). */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}
