import { openFrame, sealFrame } from './chunk-cipher';

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
