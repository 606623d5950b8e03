import type { HuifangDb } from '../../data/huifang-db';
import { refreshQueueRow } from '../../data/case-repo';
import { callbackMessages as t } from './callback-messages';

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
  const check = async () => {
    const at = now();
    const due = await db.callbacks
      .where('dueAt')
      .belowOrEqual(at.toISOString())
      .filter((c) => c.state === 'pending' && (c.owner === null || c.owner === me))
      .toArray();
    for (const cb of due) {
      await db.callbacks.update(cb.id, { state: 'notified' });
      await refreshQueueRow(db, cb.policyNo, at);
      const row = await db.queue.get(cb.policyNo);
      notify(t.notificationTitle, t.due(cb.policyNo, row?.holderName ?? ''));
      onDue(cb.policyNo);
    }
    return due.length;
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
