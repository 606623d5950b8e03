import { SaxesParser } from 'saxes';
import { entryChunks, XlsxReadError, type ZipEntry } from './zip-entries';

/** What a part's reader does with the XML; element names come without their namespace prefix. */
export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Parses an entry's XML as it inflates, pausing after each piece so the caller can take what the
 * handlers gathered (the sheet's rows) before more is read. Bad XML or bad UTF-8 is damage.
 */
export function* parseEntry(bytes: Uint8Array, entry: ZipEntry, h: XmlHandlers): Generator<void> {
  const parser = new SaxesParser();
  parser.on('opentag', (n) => h.open(local(n.name), n.attributes as Record<string, string>));
  parser.on('closetag', (n) => h.close(local(n.name)));
  parser.on('text', (t) => h.text(t));
  parser.on('cdata', (t) => h.text(t));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const wrap = (err: unknown) => (err instanceof XlsxReadError ? err : new XlsxReadError(`${entry.name}: ${(err as Error).message.split('\n')[0]}`));
  for (const chunk of entryChunks(bytes, entry)) {
    try {
      parser.write(decoder.decode(chunk, { stream: true }));
    } catch (err) {
      throw wrap(err);
    }
    yield;
  }
  try {
    parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    throw wrap(err);
  }
}

/** Lets the centre's other requests run between pieces: a large part takes seconds to parse. */
export const breather = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Parses a whole part. */
export async function parseWhole(bytes: Uint8Array, entry: ZipEntry, h: XmlHandlers): Promise<void> {
  for (const _ of parseEntry(bytes, entry, h)) await breather();
}
