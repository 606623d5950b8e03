import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RecordingManifest } from '../../../../shared/ipc/channels/recording';
import { PartialContainer } from '../../../../main/services/archive/partial-container';
import { ContainerReader } from '../../../../main/services/recording/container-reader';
import { CONTAINER_FRAME_BYTES, sealContainer } from '../../../../main/services/recording/encrypted-container';
import { nodeRecordingFs } from '../../../../main/services/recording/recording-fs';

const SESSION = 'sess-partial-0001';
/** Magic, then each full frame: u32 length, nonce, tag, 64 KiB. */
const MAGIC = 8;
const FRAME = 4 + 28 + CONTAINER_FRAME_BYTES;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A sealed 6-frame recording being "downloaded" into a file the test appends to by hand. */
function download(opts: { aheadBytes?: number; blockBytes?: number; waitMs?: number } = {}) {
  const key = randomBytes(32);
  const plain = randomBytes(5 * CONTAINER_FRAME_BYTES + 1234);
  const sealed = sealContainer(key, SESSION, plain);
  const manifest = {
    version: 1,
    sessionId: SESSION,
    mimeType: 'audio/webm;codecs=opus',
    channels: { left: 'agent', right: 'customer' },
    startedAt: 0,
    finalisedAt: 1,
    durationMs: 40_000,
    recovered: false,
    chunksReceived: 1,
    parts: [
      { name: 'audio.webm.enc', sha256: sha256(sealed) },
      { name: 'audio.webm', sha256: sha256(plain) },
    ],
    chunkSha256: [],
    gaps: [],
  } as unknown as RecordingManifest;
  const dir = mkdtempSync(path.join(tmpdir(), 'hf-partial-'));
  const file = path.join(dir, 'audio.webm.enc');
  writeFileSync(file, Buffer.alloc(0));
  const fetchRange = vi.fn(async (start: number, end: number) => sealed.subarray(start, end));
  const partial = new PartialContainer({ fs: nodeRecordingFs(), file, size: sealed.length, received: 0, fetchRange, ...opts });
  let written = 0;
  /** The download brings the container up to byte `to`. */
  const arrive = (to: number) => {
    appendFileSync(file, sealed.subarray(written, to));
    written = to;
    partial.arrived(to);
  };
  return { key, plain, sealed, manifest, file, dir, partial, fetchRange, arrive, open: () => ContainerReader.open(key, SESSION, partial, manifest) };
}

/** Whether `p` has settled after the event loop had a turn. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 20));
  return done;
}

describe('Playing a recording while QA fetches it from the centre (README "Evidence archive": first audio within 500 ms)', () => {
  it('frames that have arrived are served at once; a read of frames still to come waits for them and gets exactly those bytes', async () => {
    const d = download();
    d.arrive(MAGIC + FRAME);
    const reader = await d.open();
    expect(reader.totalBytes).toBe(d.plain.length);
    expect((await reader.read(0, 1000)).equals(d.plain.subarray(0, 1000))).toBe(true);
    const later = reader.read(2 * CONTAINER_FRAME_BYTES + 10, 100);
    expect(await settled(later)).toBe(false);
    d.arrive(MAGIC + 2 * FRAME);
    expect(await settled(later)).toBe(false); // frame 2 is not complete yet
    d.arrive(MAGIC + 3 * FRAME);
    expect((await later).equals(d.plain.subarray(2 * CONTAINER_FRAME_BYTES + 10, 2 * CONTAINER_FRAME_BYTES + 110))).toBe(true);
    expect(d.fetchRange).not.toHaveBeenCalled(); // just ahead of the download: it waited, it did not ask the centre
  });

  it('a seek far past the download asks the centre for that range alone, out of order, and serves it exactly; a second read there is served from it', async () => {
    const d = download({ aheadBytes: FRAME, blockBytes: 2 * FRAME });
    d.arrive(MAGIC + 100);
    const reader = await d.open();
    const at = 4 * CONTAINER_FRAME_BYTES + 50;
    expect((await reader.read(at, 2000)).equals(d.plain.subarray(at, at + 2000))).toBe(true);
    expect(d.fetchRange).toHaveBeenCalledTimes(1);
    const [start, end] = d.fetchRange.mock.calls[0]!;
    expect(start).toBeLessThanOrEqual(MAGIC + 4 * FRAME);
    expect(end).toBeGreaterThanOrEqual(MAGIC + 5 * FRAME);
    expect(end - start).toBeLessThanOrEqual(2 * FRAME); // a block, not the rest of the file
    expect((await reader.read(at + 2000, 100)).equals(d.plain.subarray(at + 2000, at + 2100))).toBe(true);
    expect(d.fetchRange).toHaveBeenCalledTimes(1);
  });

  it('a range the centre answers with the wrong length is refused with a clear error', async () => {
    const d = download({ aheadBytes: FRAME, blockBytes: FRAME });
    d.fetchRange.mockImplementationOnce(async (s: number) => d.sealed.subarray(s, s + 10));
    d.arrive(MAGIC + 100);
    const reader = await d.open();
    await expect(reader.read(4 * CONTAINER_FRAME_BYTES, 10)).rejects.toThrow(/中心返回的录音片段长度不符/);
  });

  it('a download that fails (checksum, network) fails the waiting read and every later one with its reason, and the whole-file check with it', async () => {
    const d = download();
    d.arrive(MAGIC + FRAME);
    const reader = await d.open();
    const checked = reader.verify();
    const waiting = reader.read(3 * CONTAINER_FRAME_BYTES, 10);
    d.partial.fail('下载的录音校验值不符（abc…），已丢弃，请重试。');
    await expect(waiting).rejects.toThrow(/下载的录音校验值不符/);
    await expect(reader.read(0, 10)).rejects.toThrow(/下载的录音校验值不符/);
    expect(await checked).toMatch(/下载的录音校验值不符/);
    expect(reader.integrity).toBe('failed');
  });

  it('a corrupt frame that arrives is refused by its AEAD tag, naming the frame (docs/domain.md §9: evidence unaltered)', async () => {
    const d = download();
    const bad = Buffer.from(d.sealed);
    bad[MAGIC + FRAME + 4 + 28 + 500]! ^= 1; // inside frame 1's ciphertext
    appendFileSync(d.file, bad.subarray(0, MAGIC + 3 * FRAME));
    d.partial.arrived(MAGIC + 3 * FRAME);
    const reader = await d.open();
    await expect(reader.read(CONTAINER_FRAME_BYTES + 100, 10)).rejects.toThrow(/篡改（第 1 帧）/);
    await expect(reader.read(0, 10)).rejects.toThrow(/篡改（第 1 帧）/);
  });

  it('a read waiting for bytes that stop coming gives up after its bound with a clear error', async () => {
    const d = download({ waitMs: 50 });
    d.arrive(MAGIC + FRAME);
    const reader = await d.open();
    await expect(reader.read(2 * CONTAINER_FRAME_BYTES, 10)).rejects.toThrow(/录音下载停滞，等待超时/);
  });

  it('the whole-file check against the manifest runs as the bytes arrive and ends verified; the file moved into place keeps playing', async () => {
    const d = download();
    d.arrive(MAGIC + FRAME);
    const reader = await d.open();
    const checked = reader.verify();
    for (let to = MAGIC + FRAME; to < d.sealed.length; to += 100_000) d.arrive(Math.min(d.sealed.length, to + 100_000));
    expect(await checked).toBeNull();
    expect(reader.integrity).toBe('verified');
    const moved = path.join(d.dir, 'moved.enc');
    await d.partial.relocate(moved, async () => renameSync(d.file, moved));
    expect((await reader.read(0, d.plain.length)).equals(d.plain)).toBe(true);
    expect(readFileSync(moved).equals(d.sealed)).toBe(true);
  });
});
