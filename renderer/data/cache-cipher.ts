import { messages } from '../i18n/messages';
/**
 * A value sealed by `CacheCipher`: `s1:` + base64 of the 12-byte IV and the AES-GCM ciphertext and
 * tag of the value's JSON. A string rather than bytes: every IndexedDB implementation and Dexie's
 * change tracking (`update`, `modify`) clone strings faithfully, typed arrays of another realm not
 * (fake-indexeddb under jsdom). The type parameter is the opened type (phantom: guides `open`).
 */
export type Sealed<T> = string & { readonly __opensTo?: T };

const PREFIX = 's1:';

/** True for a value shaped like a sealed one (rows written before encryption hold objects there). */
export function isSealed(v: unknown): v is Sealed<unknown> {
  return typeof v === 'string' && v.startsWith(PREFIX);
}

/** A sealed value could not be opened: wrong key, wrong row (AAD mismatch), or tampered bytes. */
export class CacheSealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheSealError';
  }
}

const IV_BYTES = 12;
const AES_INFO = 'huifang/cache/aes-gcm/v1';
const NAME_INFO = 'huifang/cache/name-key/v1';
const TOKEN_INFO = 'huifang/cache/name-token/v1';
/** Bytes of the HMAC a name token keeps: 6 bytes, 8 base64 characters (see `nameToken`). */
const TOKEN_BYTES = 6;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The name as the search key sees it: Unicode-normalised (NFKC: full-width → half-width), without
 * spaces, lower-case (Latin names). `张 三` and `张三` are the same name; `张` is not.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x2000) s += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(s);
}

function unbase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Seals and opens the personal data the workstation keeps in IndexedDB, with WebCrypto and keys
 * that never leave it (imported non-extractable):
 * - AES-256-GCM, a fresh random 12-byte IV per value, and the table name + primary key as
 *   additional data, so a sealed value copied into another row (or table) does not open;
 * - HMAC-SHA-256 "name keys": a keyed hash of a normalised full name, so the queue can find a
 *   policyholder by their exact full name without the name being stored;
 * - HMAC-SHA-256 "name tokens", truncated, with a key of their own: keyed hashes of the parts of a
 *   name (`name-tokens.ts`), so the queue can find a policyholder by part of the name.
 * All keys are derived (HKDF-SHA-256, separate `info`) from the workstation's cache key, which
 * the main process keeps sealed by the OS keystore.
 *
 * Every method returns its WebCrypto promise through `Promise.resolve`, as Dexie's liveQuery asks
 * of non-Dexie async calls. Never call these inside a Dexie transaction: seal before it, open after.
 */
export class CacheCipher {
  private constructor(
    private readonly aes: CryptoKey,
    private readonly mac: CryptoKey,
    private readonly tokenMac: CryptoKey,
  ) {}

  /** Derives the cipher from the 32-byte cache key. */
  static async fromKey(raw: Uint8Array<ArrayBuffer>): Promise<CacheCipher> {
    if (raw.length !== 32) throw new CacheSealError(messages.data.cacheKeyLength);
    const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
    const hkdf = (info: string): HkdfParams => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) });
    const aes = await crypto.subtle.deriveKey(hkdf(AES_INFO), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const mac = await crypto.subtle.deriveKey(hkdf(NAME_INFO), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
    const tokenMac = await crypto.subtle.deriveKey(hkdf(TOKEN_INFO), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
    return new CacheCipher(aes, mac, tokenMac);
  }

  /** Seals `value` (JSON) for row `key` of `table`. */
  seal<T>(table: string, key: string, value: T): Promise<Sealed<T>> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const plain = encoder.encode(JSON.stringify(value));
    return Promise.resolve(
      crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(table, key) }, this.aes, plain).then((ct) => {
        const out = new Uint8Array(IV_BYTES + ct.byteLength);
        out.set(iv, 0);
        out.set(new Uint8Array(ct), IV_BYTES);
        return (PREFIX + base64(out)) as Sealed<T>;
      }),
    );
  }

  /** Opens a value sealed for row `key` of `table`; rejects with `CacheSealError` otherwise. */
  open<T>(table: string, key: string, sealed: Sealed<T>): Promise<T> {
    let bytes: Uint8Array<ArrayBuffer> | null = null;
    try {
      if (isSealed(sealed)) bytes = unbase64(sealed.slice(PREFIX.length));
    } catch {
      bytes = null;
    }
    if (!bytes || bytes.length < IV_BYTES + 16) {
      return Promise.reject(new CacheSealError(messages.data.notSealed(table, key)));
    }
    const iv = bytes.subarray(0, IV_BYTES);
    return Promise.resolve(
      crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(table, key) }, this.aes, bytes.subarray(IV_BYTES)).then(
        (plain) => JSON.parse(decoder.decode(plain)) as T,
        () => {
          throw new CacheSealError(messages.data.doesNotOpen(table, key));
        },
      ),
    );
  }

  /** Keyed hash (base64) of a normalised full name; empty input gives the empty string. */
  nameKey(name: string): Promise<string> {
    const n = normaliseName(name);
    if (n === '') return Promise.resolve('');
    return Promise.resolve(crypto.subtle.sign('HMAC', this.mac, encoder.encode(n)).then((mac) => base64(new Uint8Array(mac))));
  }

  /**
   * Name token of one part of a name, already normalised (`normaliseName`) by the caller: the
   * first 6 bytes of its HMAC under the token key, base64 (8 characters, never a space). Equal
   * parts give equal tokens at this workstation; 48 bits keep a false hit among the tokens of
   * 50 000 queue rows below one in a million per search.
   */
  nameToken(part: string): Promise<string> {
    return Promise.resolve(crypto.subtle.sign('HMAC', this.tokenMac, encoder.encode(part)).then((mac) => base64(new Uint8Array(mac, 0, TOKEN_BYTES))));
  }
}

function aad(table: string, key: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`huifang-cache\u0000${table}\u0000${key}`);
}
