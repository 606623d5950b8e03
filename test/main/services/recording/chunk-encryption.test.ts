import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openContainer, sealContainer, CONTAINER_FRAME_BYTES } from '../../../../main/services/recording/encrypted-container';
import { encodePartFrame, readPartFile } from '../../../../main/services/recording/part-file';

const key = randomBytes(32);
const sid = 'session-0001';

function partFile(chunks: Buffer[], sessionId = sid): Buffer[] {
  return chunks.map((data, i) => encodePartFrame(key, sessionId, i, { seq: i, receivedAt: 1_000 + i, data }));
}

describe('recording chunks are authenticated-encrypted (AES-256-GCM, per-chunk nonce, AAD = session + position)', () => {
  const chunks = [Buffer.from('chunk zero'), Buffer.from('chunk one'), Buffer.from('chunk two')];

  it('round-trips and keeps no plaintext on disk', () => {
    const frames = partFile(chunks);
    const file = Buffer.concat(frames);
    expect(file.includes(Buffer.from('chunk'))).toBe(false);
    const read = readPartFile(key, sid, file, false);
    expect(read.chunks.map((c) => c.data.toString())).toEqual(['chunk zero', 'chunk one', 'chunk two']);
    expect(read.chunks.map((c) => c.receivedAt)).toEqual([1000, 1001, 1002]);
  });

  it('uses a fresh nonce per chunk: equal chunks encrypt differently', () => {
    const a = encodePartFrame(key, sid, 0, { seq: 0, receivedAt: 1, data: Buffer.from('same') });
    const b = encodePartFrame(key, sid, 0, { seq: 0, receivedAt: 1, data: Buffer.from('same') });
    expect(a.equals(b)).toBe(false);
  });

  it('rejects a chunk with one flipped bit', () => {
    const frames = partFile(chunks);
    frames[1]![frames[1]!.length - 1]! ^= 0x01;
    expect(() => readPartFile(key, sid, Buffer.concat(frames), false)).toThrow(/篡改|authentication/);
  });

  it('rejects reordered chunks', () => {
    const frames = partFile(chunks);
    expect(() => readPartFile(key, sid, Buffer.concat([frames[1]!, frames[0]!, frames[2]!]), false)).toThrow(/authentication/);
  });

  it('rejects a chunk transplanted from another session at the same position', () => {
    const mine = partFile(chunks);
    const theirs = partFile([Buffer.from('foreign!!!')], 'session-0002');
    expect(() => readPartFile(key, sid, Buffer.concat([theirs[0]!, mine[1]!]), false)).toThrow(/authentication/);
  });

  it('rejects a forged sequence number in the clear header', () => {
    const frames = partFile(chunks);
    frames[2]!.writeUInt32BE(7, 4);
    expect(() => readPartFile(key, sid, Buffer.concat(frames), false)).toThrow(/authentication/);
  });

  it('a torn last frame (crash mid-write) is dropped in recovery but a torn middle is not tolerated', () => {
    const frames = partFile(chunks);
    const file = Buffer.concat(frames);
    const torn = file.subarray(0, file.length - 5);
    expect(() => readPartFile(key, sid, torn, false)).toThrow(/torn/);
    const read = readPartFile(key, sid, torn, true);
    expect(read.chunks).toHaveLength(2);
    expect(read.droppedTailBytes).toBe(frames[2]!.length - 5);
  });
});

describe('the finalised recording is a chunked AEAD container', () => {
  const plain = randomBytes(CONTAINER_FRAME_BYTES * 2 + 1234);

  it('round-trips', () => {
    expect(openContainer(key, sid, sealContainer(key, sid, plain)).equals(plain)).toBe(true);
  });

  it('rejects tampering, truncation at a frame boundary, frame swaps and another session id', () => {
    const sealed = sealContainer(key, sid, plain);
    const flipped = Buffer.from(sealed);
    flipped[100]! ^= 0x80;
    expect(() => openContainer(key, sid, flipped)).toThrow();
    // Frame layout: magic(8) | u32 len | frame …; cut after the second frame.
    const first = 8 + 4 + sealed.readUInt32BE(8);
    const second = first + 4 + sealed.readUInt32BE(first);
    expect(() => openContainer(key, sid, sealed.subarray(0, second))).toThrow(/authentication|truncated/);
    const swapped = Buffer.concat([sealed.subarray(0, 8), sealed.subarray(first, second), sealed.subarray(8, first), sealed.subarray(second)]);
    expect(() => openContainer(key, sid, swapped)).toThrow(/authentication/);
    expect(() => openContainer(key, 'session-0002', sealed)).toThrow(/authentication/);
    expect(() => openContainer(randomBytes(32), sid, sealed)).toThrow(/authentication/);
  });
});
