import { normaliseName, type CacheCipher } from './cache-cipher';

/** A normalised name of at most this many characters gives a token for every contiguous part. */
export const ALL_PARTS_UP_TO = 12;

/** Separators between the words of a name (space, the middle dots of transliterated names, hyphen). */
const WORD_SEPARATORS = /[\s\u00b7\u30fb\u2027\u2022\u2010-\u2015-]+/u;

/**
 * True for a part the queue search looks up by token: two characters or more. There are no
 * single-character tokens on purpose: the masked name shows the first and last character in clear,
 * so single-character tokens would be known plaintext — a copied cache would reveal, row by row,
 * which characters hide behind the stars. One character is searched against the masked name's
 * visible characters instead (`filterQueue`), which holds no more than the screen shows.
 */
export function isSearchablePart(part: string): boolean {
  return Array.from(part).length >= 2;
}

/** Every searchable contiguous part of `chars` (code points), or only its prefixes and suffixes. */
function partsOf(chars: readonly string[], out: Set<string>, edgesOnly: boolean): void {
  const n = chars.length;
  for (let i = 0; i < n; i++) {
    let part = '';
    for (let j = i; j < n; j++) {
      part += chars[j];
      if (edgesOnly && i !== 0 && j !== n - 1) continue;
      if (j > i) out.add(part);
    }
  }
}

/**
 * The parts of a name the queue search can find it by, normalised as `nameKey` normalises (NFKC
 * width, spaces dropped, lower case); each part once. Characters are code points, so a rare
 * surname outside the BMP counts as one. The cap that bounds the tokens per row:
 * - a normalised name of ≤ 12 characters (nearly every Chinese name): every contiguous part of two
 *   characters and up — at most 66 parts;
 * - a longer name: the parts of each word (words split at spaces, `·`, `・`, hyphens), each word
 *   as above; a word itself longer than 12 characters gives only its prefixes and suffixes. A part
 *   spanning two words of such a name is not found (the full name still is, through `nameKey`).
 */
export function nameParts(name: string): string[] {
  const chars = Array.from(normaliseName(name));
  const out = new Set<string>();
  if (chars.length <= ALL_PARTS_UP_TO) {
    partsOf(chars, out, false);
    return [...out];
  }
  for (const word of name.normalize('NFKC').toLowerCase().split(WORD_SEPARATORS)) {
    const w = Array.from(word);
    if (w.length > 0) partsOf(w, out, w.length > ALL_PARTS_UP_TO);
  }
  return [...out];
}

/**
 * Tokens already asked for, by part, while one batch of names is summarised (a pull page): names
 * share surnames and characters, and each WebCrypto call costs far more than a map lookup. Made
 * per batch and dropped with it, so no name part outlives the batch in memory.
 */
export type NameTokenMemo = Map<string, Promise<string>>;

/**
 * The name tokens of a policyholder's name, as the queue row stores them: the keyed tokens
 * (`CacheCipher.nameToken`) of every part `nameParts` lists, joined by single spaces ('' without a
 * name). Pass one `memo` to every name of a batch. One string rather than an array keeps 50 000
 * rows light (9 bytes per part: a 3-character name has 3 parts) and a lookup one `includes`: tokens
 * are 8 characters without spaces, so the typed text's token occurs in the string only as a whole
 * token.
 *
 * Privacy: no name character reaches IndexedDB, the tokens are stored sorted (not in name order),
 * and without the workstation's cache key (kept sealed by the OS keystore) no token can be computed
 * or reversed. The trade-off: tokens are deterministic inside one workstation's cache, so someone
 * who copies the cache (not the key) can link rows — tell that two policyholders share a compound
 * surname, a given name or a full name — and count a name's parts (its length, which the masked
 * name shows anyway). No token covers a single character, so the characters the masked names show
 * in clear cannot be matched to tokens directly; combining many linked rows can still make a hidden
 * character likely. Search by part of a name needs equal parts to give equal tokens; the key stays
 * the protection.
 */
export async function nameTokens(cipher: CacheCipher, name: string, memo: NameTokenMemo = new Map()): Promise<string> {
  const parts = nameParts(name);
  if (parts.length === 0) return '';
  const tokenOf = (part: string): Promise<string> => {
    let token = memo.get(part);
    if (token === undefined) {
      token = cipher.nameToken(part);
      memo.set(part, token);
    }
    return token;
  };
  // Sorted: the order of the parts (which part sits where in the name) is not kept.
  return (await Promise.all(parts.map(tokenOf))).sort().join(' ');
}

/**
 * The token the queue search looks for: that of the typed text, normalised; null when the text is
 * not a searchable part (empty, or a single character).
 */
export function searchToken(cipher: CacheCipher, text: string): Promise<string | null> {
  const part = normaliseName(text);
  return isSearchablePart(part) ? cipher.nameToken(part) : Promise.resolve(null);
}
