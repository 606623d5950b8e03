import { huifang } from '../ipc/huifang';
import { CacheCipher } from './cache-cipher';
import { messages } from '../i18n/messages';

/** The host could not hand out the cache key: the workstation must not run (no plaintext fallback). */
export class CacheLockedError extends Error {
  constructor(detail: string) {
    super(messages.data.noCacheKey(detail));
    this.name = 'CacheLockedError';
  }
}

let current: Promise<CacheCipher> | null = null;

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function load(): Promise<CacheCipher> {
  let answer: Awaited<ReturnType<ReturnType<typeof huifang>['app']['cacheKey']>>;
  try {
    answer = await huifang().app.cacheKey({});
  } catch (err) {
    throw new CacheLockedError(err instanceof Error ? err.message : String(err));
  }
  if (!answer.ok) throw new CacheLockedError(answer.error.message);
  const raw = fromBase64(answer.value.key);
  // WebCrypto copies the bytes on import; this copy is wiped once the keys exist.
  return CacheCipher.fromKey(raw).finally(() => raw.fill(0));
}

/**
 * The cache cipher of this window, asked of the host once (`app:cacheKey`) and kept in memory as
 * non-extractable WebCrypto keys. Rejects with `CacheLockedError` when the host cannot provide
 * the key; a later call asks again.
 */
export function windowCipher(): Promise<CacheCipher> {
  current ??= load().catch((err: unknown) => {
    current = null;
    throw err;
  });
  return Promise.resolve(current);
}

/** Forgets the cipher (tests; a host that changed its key). */
export function forgetWindowCipher(): void {
  current = null;
}
