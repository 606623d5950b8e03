/**
 * Minimal EBML (Matroska/WebM) reading and writing: variable-length integers, element headers and
 * element construction. Enough to remux Chrome's MediaRecorder output; not a general parser.
 */

/** WebM element ids used by the recording remux (with their marker bits, as written in files). */
export const Id = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekID: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  BlockDuration: 0x9b,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
  Void: 0xec,
  CodecID: 0x86,
} as const;

/** Ids that may appear directly inside a Segment; they also end an unknown-size Cluster. */
export const SEGMENT_CHILDREN = new Set<number>([
  Id.SeekHead,
  Id.Info,
  Id.Tracks,
  Id.Cluster,
  Id.Cues,
  0x1254c367, // Tags
  0x1043a770, // Chapters
  0x1941a469, // Attachments
  Id.Void,
  0xbf, // CRC-32
]);

/** A parsed element header. `size` is null for "unknown size" (live streams). */
export interface ElementHeader {
  readonly id: number;
  readonly size: number | null;
  /** Offset of the element's first byte. */
  readonly start: number;
  /** Offset of the element's payload. */
  readonly dataStart: number;
}

/** Reads an element header at `pos`; null when the bytes are not a well-formed header. */
export function readHeader(buf: Buffer, pos: number): ElementHeader | null {
  const idLen = vintLength(buf, pos);
  if (idLen === 0 || idLen > 4 || pos + idLen > buf.length) return null;
  let id = 0;
  for (let i = 0; i < idLen; i++) id = id * 256 + buf[pos + i]!;
  const sizePos = pos + idLen;
  const sizeLen = vintLength(buf, sizePos);
  if (sizeLen === 0 || sizePos + sizeLen > buf.length) return null;
  let size = buf[sizePos]! & (0xff >> sizeLen);
  let allOnes = size === 0xff >> sizeLen;
  for (let i = 1; i < sizeLen; i++) {
    const b = buf[sizePos + i]!;
    size = size * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { id, size: allOnes ? null : size, start: pos, dataStart: sizePos + sizeLen };
}

function vintLength(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return 0;
  const first = buf[pos]!;
  for (let len = 1; len <= 8; len++) if (first & (0x80 >> (len - 1))) return len;
  return 0;
}

/** Reads an unsigned integer payload. */
export function readUint(buf: Buffer, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + buf[i]!;
  return value;
}

function idBytes(id: number): Buffer {
  const len = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  const out = Buffer.alloc(len);
  out.writeUIntBE(id, 0, len);
  return out;
}

/** Encodes a size as an EBML vint; `width` forces a length (used for fixed-size fields). */
export function sizeBytes(size: number, width?: number): Buffer {
  let len = width ?? 1;
  if (width === undefined) while (size >= 2 ** (7 * len) - 1) len++;
  const out = Buffer.alloc(len);
  let rest = size;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0]! |= 0x80 >> (len - 1);
  return out;
}

/** Builds an element from its id and payload. */
export function element(id: number, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([elementHeader(id, body.length), body]);
}

/** The id and size bytes of an element whose payload is written afterwards (streamed). */
export function elementHeader(id: number, size: number): Buffer {
  return Buffer.concat([idBytes(id), sizeBytes(size)]);
}

/** An unsigned integer element; `width` fixes the byte count (for positions patched later). */
export function uintElement(id: number, value: number, width?: number): Buffer {
  let len = width ?? 1;
  if (width === undefined) while (value >= 2 ** (8 * len)) len++;
  const out = Buffer.alloc(len);
  out.writeUIntBE(value, 0, len);
  return element(id, out);
}

/** A 64-bit float element (Duration). */
export function floatElement(id: number, value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeDoubleBE(value, 0);
  return element(id, out);
}

/** The raw id bytes of an element id (for SeekID). */
export function idPayload(id: number): Buffer {
  return idBytes(id);
}
