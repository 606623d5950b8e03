import type { EventName, EventPayloadOf } from '../../shared/ipc/contract';

/**
 * Protects small secrets (SIP passwords, recording keys). Electron passes `safeStorage`;
 * plain Node passes a key-file based implementation.
 */
export interface SecretProtector {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Keeps the display awake while a call is up (Electron: powerSaveBlocker). */
export interface DisplayKeeper {
  /** Starts keeping the display awake; the returned function releases it. */
  keepAwake(): () => void;
}

/** Sends a main→renderer event to every renderer of this host. */
export type EmitEvent = <E extends EventName>(name: E, payload: EventPayloadOf<E>) => void;

/**
 * Everything a main-process service may need from its host. Services receive these as
 * arguments so they run unchanged in Electron and in plain Node (the web host, tests).
 */
export interface HostCapabilities {
  readonly host: 'electron' | 'web';
  readonly version: string;
  readonly platform: string;
  /** Writable directory for recordings, sessions, settings. */
  readonly dataDir: string;
  readonly secrets: SecretProtector;
  readonly displayKeeper: DisplayKeeper;
  readonly emit: EmitEvent;
  /** Electron's save dialog for a recording export (null: cancelled); the web host has none and offers a browser download. */
  readonly chooseSavePath?: (suggestedName: string) => Promise<string | null>;
}
