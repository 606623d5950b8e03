import { parsePhone } from '../../../shared/domain/phone';
import type { ExtensionSnapshot, SoftphoneAction } from './softphone-state';

/** Pause between answer and the extension's tones (the switchboard's greeting). */
export const EXTENSION_PAUSE_MS = 2500;

/**
 * Sends the extension of the number dialled once the call is answered: after a pause, digit by
 * digit as keypad tones (RFC 4733 or SIP INFO, whichever the far end takes). While waiting the agent
 * may change the digits, send at once, or drop it (e.g. the operator answered in person).
 */
export class ExtensionDialler {
  /** `waiting` until the digits go out; `timer` runs only until the agent edits them. */
  private current: { digits: string; waiting: boolean; timer: ReturnType<typeof setTimeout> | null } | null = null;

  constructor(
    private readonly deps: {
      dispatch(action: SoftphoneAction): void;
      sendTone(tone: string): Promise<'rfc4733' | 'info' | 'failed'>;
      now?(): number;
    },
  ) {}

  /** The call was answered: arm the extension (no-op without one). */
  arm(digits: string | null): void {
    this.clear();
    if (!digits) return;
    const sendAt = (this.deps.now?.() ?? Date.now()) + EXTENSION_PAUSE_MS;
    this.current = { digits, waiting: true, timer: setTimeout(() => void this.sendNow(), EXTENSION_PAUSE_MS) };
    this.publish({ digits, phase: 'waiting', sendAt });
  }

  /** The agent changed the digits before they went out (non-digits are ignored). */
  edit(digits: string): void {
    if (!this.current?.waiting) return;
    // Editing stops the clock: the agent sends when ready.
    if (this.current.timer) clearTimeout(this.current.timer);
    this.current.timer = null;
    this.current.digits = digits.replace(/[^0-9*#]/g, '').slice(0, 8);
    this.publish({ digits: this.current.digits, phase: 'waiting', sendAt: null });
  }

  /** Sends the digits now, one tone after the other. */
  async sendNow(): Promise<void> {
    const current = this.current;
    if (!current?.waiting) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = null;
    current.waiting = false;
    if (current.digits === '') return this.publish(null);
    this.publish({ digits: current.digits, phase: 'sending', sendAt: null });
    for (const tone of current.digits) {
      if (this.current !== current) return;
      if ((await this.deps.sendTone(tone)) === 'failed') return this.publish({ digits: current.digits, phase: 'failed', sendAt: null });
    }
    if (this.current === current) this.publish({ digits: current.digits, phase: 'sent', sendAt: null });
  }

  /** The agent drops the extension. */
  drop(): void {
    if (!this.current?.waiting) return;
    const digits = this.current.digits;
    this.clear();
    this.publish({ digits, phase: 'dropped', sendAt: null });
  }

  /** The call ended. */
  clear(): void {
    if (this.current?.timer) clearTimeout(this.current.timer);
    this.current = null;
  }

  private publish(extension: ExtensionSnapshot | null): void {
    this.deps.dispatch({ type: 'extension', extension });
  }
}

/** The extension written with a landline (0755-2345678-12, 转 12), or null. */
export function extensionOf(number: string): string | null {
  const parsed = parsePhone(number);
  return parsed.ok && parsed.kind === 'landline' ? parsed.extension : null;
}
