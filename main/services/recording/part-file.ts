import { createHash } from 'node:crypto';
import { openFrame, sealFrame } from './chunk-cipher';
import type { RandomAccessFile } from './recording-fs';

/** One chunk as the renderer sent it, with the time the main process received it. */
export interface PartChunk {
  readonly seq: number;
  readonly receivedAt: number;
  readonly data: Buffer;
}

/** Result of reading a part file: the chunks, and what had to be left off at the end. */
export interface PartReadResult {
  readonly chunks: PartChunk[];
  /** Bytes after the last good frame (torn write at a crash). */
  readonly droppedTailBytes: number;
}

const HEADER = 8; // u32 length of the rest | u32 seq

/**
 * Encodes one frame of `audio.part`: u32 length | u32 seq | AES-GCM(receivedAt u64 | chunk),
 * bound to the session, the frame's position and the seq (see chunk-cipher).
 */
export function encodePartFrame(key: Buffer, sessionId: string, index: number, chunk: PartChunk): Buffer {
  const plain = Buffer.alloc(8 + chunk.data.length);
  plain.writeBigUInt64BE(BigInt(chunk.receivedAt), 0);
  chunk.data.copy(plain, 8);
  const sealed = sealFrame(key, { stream: 'part', sessionId, index, tag: chunk.seq }, plain);
  const head = Buffer.alloc(HEADER);
  head.writeUInt32BE(sealed.length + 4, 0);
  head.writeUInt32BE(chunk.seq, 4);
  return Buffer.concat([head, sealed]);
}

/**
 * Reads every frame of a part file. A frame that fails authentication in the middle means the
 * file was altered: this throws. An incomplete or unreadable *last* frame is what a crash or power
 * cut leaves behind; with `tolerateTornTail` it is dropped and counted instead.
 */
export function readPartFile(key: Buffer, sessionId: string, bytes: Buffer, tolerateTornTail: boolean): PartReadResult {
  const chunks: PartChunk[] = [];
  let pos = 0;
  let index = 0;
  while (pos < bytes.length) {
    const remaining = bytes.length - pos;
    const length = remaining >= 4 ? bytes.readUInt32BE(pos) : -1;
    const complete = length >= 4 && remaining >= 4 + length;
    if (!complete) {
      if (tolerateTornTail) return { chunks, droppedTailBytes: remaining };
      throw new Error(`录音分片文件不完整 (torn frame at byte ${pos})`);
    }
    const seq = bytes.readUInt32BE(pos + 4);
    const sealed = bytes.subarray(pos + HEADER, pos + 4 + length);
    let plain: Buffer;
    try {
      plain = openFrame(key, { stream: 'part', sessionId, index, tag: seq }, sealed);
    } catch {
      const isLast = pos + 4 + length === bytes.length;
      if (isLast && tolerateTornTail) return { chunks, droppedTailBytes: remaining };
      throw new Error(`录音分片校验失败，文件可能被篡改 (frame ${index} failed authentication)`);
    }
    chunks.push({ seq, receivedAt: Number(plain.readBigUInt64BE(0)), data: plain.subarray(8) });
    pos += 4 + length;
    index += 1;
  }
  return { chunks, droppedTailBytes: 0 };
}

/** Where one chunk sits in the part file; its bytes are read again when they are needed. */
export interface PartIndexEntry {
  readonly seq: number;
  readonly receivedAt: number;
  /** Frame number in the file (bound into its encryption). */
  readonly index: number;
  /** File offset of the sealed bytes (after the 8-byte header) and their length. */
  readonly position: number;
  readonly sealedBytes: number;
  /** Length and SHA-256 of the decrypted chunk. */
  readonly dataBytes: number;
  readonly sha256: string;
}

/**
 * `readPartFile` reading one frame at a time: checks every frame and hashes every chunk, keeping
 * only where each one is, so a long recording is never held in memory.
 */
export async function indexPartFile(
  file: RandomAccessFile,
  key: Buffer,
  sessionId: string,
  tolerateTornTail: boolean,
): Promise<{ entries: PartIndexEntry[]; droppedTailBytes: number }> {
  const entries: PartIndexEntry[] = [];
  let pos = 0;
  while (pos < file.size) {
    const remaining = file.size - pos;
    const head = await file.read(pos, HEADER);
    const length = head.length >= 4 ? head.readUInt32BE(0) : -1;
    if (!(length >= 4 && remaining >= 4 + length)) {
      if (tolerateTornTail) return { entries, droppedTailBytes: remaining };
      throw new Error(`录音分片文件不完整 (torn frame at byte ${pos})`);
    }
    const entry = { seq: head.readUInt32BE(4), index: entries.length, position: pos + HEADER, sealedBytes: length - 4 };
    let data: Buffer;
    let receivedAt: number;
    try {
      ({ data, receivedAt } = await readFrame(file, key, sessionId, entry));
    } catch {
      if (pos + 4 + length === file.size && tolerateTornTail) return { entries, droppedTailBytes: remaining };
      throw new Error(`录音分片校验失败，文件可能被篡改 (frame ${entry.index} failed authentication)`);
    }
    entries.push({ ...entry, receivedAt, dataBytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    pos += 4 + length;
  }
  return { entries, droppedTailBytes: 0 };
}

/** Reads and decrypts the chunk of an entry `indexPartFile` found. */
export async function readPartChunk(file: RandomAccessFile, key: Buffer, sessionId: string, entry: PartIndexEntry): Promise<Buffer> {
  return (await readFrame(file, key, sessionId, entry)).data;
}

async function readFrame(
  file: RandomAccessFile,
  key: Buffer,
  sessionId: string,
  at: { seq: number; index: number; position: number; sealedBytes: number },
): Promise<{ data: Buffer; receivedAt: number }> {
  const plain = openFrame(key, { stream: 'part', sessionId, index: at.index, tag: at.seq }, await file.read(at.position, at.sealedBytes));
  return { data: plain.subarray(8), receivedAt: Number(plain.readBigUInt64BE(0)) };
}
