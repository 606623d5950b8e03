/**
 * The two Electron IPC channels between the preload and main. Every contract call and event
 * travels over these, its contract name inside the message, so main has one handler to guard.
 * Declared once here because the preload and main must agree on them letter for letter.
 */

/** The single Electron channel that carries contract calls; the contract name travels inside. */
export const INVOKE_CHANNEL = 'huifang:invoke';
/** The single Electron channel that carries main→renderer events. */
export const EVENT_CHANNEL = 'huifang:event';
