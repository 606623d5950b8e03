import iconv from 'iconv-lite';

/** Text encodings a CSV export may come in. */
export type TextEncoding = 'utf-8' | 'gbk' | 'utf-16le';

/**
 * Detects the encoding of a CSV export and decodes it. A UTF-8 BOM or valid UTF-8 → UTF-8;
 * a UTF-16LE BOM → UTF-16; otherwise GB18030 (a superset of GBK, what Chinese Excel saves as
 * "CSV"). Returns the encoding so the import report can state it.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gbk' };
  }
}

/** Share of characters that decoded to U+FFFD or C0 controls: high means "wrong encoding". */
export function garbageRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad / text.length;
}
