import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobToBase64 } from '../../../../renderer/features/recording/call-recorder';
import { DualMonoRecorder } from '../../../../renderer/features/recording/dual-mono-recorder';

/**
 * WebCodecs and MediaStreamTrackProcessor stand-ins: the real ones run in the Chromium e2e test
 * (test/e2e/recording.test.ts checks the OpusHead and the bitrate of a real call's recording).
 * Each fake encoder answers a frame with the packet [TOC, side, n], n counting its frames.
 */
const TOC = 0x78;
let failOnEncode: number | null = null;

class FakeAudioData {
  readonly format = 'f32-planar';
  readonly sampleRate = 48000;
  readonly numberOfFrames = 960;
  readonly numberOfChannels: number;
  readonly timestamp: number;
  private readonly planes: Float32Array[];
  constructor(init: { numberOfChannels: number; timestamp: number; data?: Float32Array; planes?: Float32Array[] }) {
    this.numberOfChannels = init.numberOfChannels;
    this.timestamp = init.timestamp;
    this.planes = init.planes ?? [init.data!];
  }
  copyTo(dest: Float32Array, o: { planeIndex: number }) {
    dest.set(this.planes[o.planeIndex]!);
  }
  close() {}
}

class FakeAudioEncoder {
  state = 'unconfigured';
  private n = 0;
  private side = -1;
  constructor(private readonly init: { output: (chunk: unknown, meta?: unknown) => void; error: (e: Error) => void }) {}
  configure() {
    this.state = 'configured';
  }
  encode(data: FakeAudioData) {
    const sample = new Float32Array(960);
    data.copyTo(sample, { planeIndex: 0 });
    this.side = sample[0]! < 0 ? 1 : 0; // the fake frames carry +1 left, −1 right
    if (failOnEncode !== null && this.n === failOnEncode) return this.init.error(new Error('encoder broke'));
    const packet = [TOC, this.side, this.n];
    const chunk = { byteLength: 3, timestamp: data.timestamp, duration: 20_000, copyTo: (d: Uint8Array) => d.set(packet) };
    this.init.output(
      chunk,
      this.n++ === 0 ? { decoderConfig: { description: Uint8Array.from([...'OpusHead'].map((c) => c.charCodeAt(0)).concat([1, 1, 0x38, 1])) } } : undefined,
    );
  }
  flush() {
    return Promise.resolve();
  }
  close() {
    this.state = 'closed';
  }
}

function fakeProcessor(count: number) {
  return class {
    readonly readable = new ReadableStream({
      start(controller) {
        for (let i = 0; i < count; i++) {
          controller.enqueue(
            new FakeAudioData({ numberOfChannels: 2, timestamp: i * 20_000, planes: [new Float32Array(960).fill(1), new Float32Array(960).fill(-1)] }),
          );
        }
      },
    });
  };
}

async function record(count: number): Promise<{ bytes: Uint8Array; errors: Error[] }> {
  vi.stubGlobal('AudioData', FakeAudioData);
  vi.stubGlobal('AudioEncoder', FakeAudioEncoder);
  vi.stubGlobal('MediaStreamTrackProcessor', fakeProcessor(count));
  const stream = { getAudioTracks: () => [{}] } as unknown as MediaStream;
  const recorder = new DualMonoRecorder(stream, 12_000);
  const blobs: Blob[] = [];
  const errors: Error[] = [];
  recorder.ondataavailable = (e) => blobs.push(e.data);
  recorder.onerror = (e) => errors.push(e.error);
  recorder.start(100);
  await new Promise((r) => setTimeout(r, 250));
  await new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
    recorder.stop();
  });
  const parts = await Promise.all(blobs.map(async (b) => Uint8Array.from(atob(await blobToBase64(b)), (c) => c.charCodeAt(0))));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  return { bytes, errors };
}

function indexOf(haystack: Uint8Array, needle: number[], from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('DualMonoRecorder (docs/decisions/0003: each side its own mono Opus stream, one WebM track)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    failOnEncode = null;
  });

  it('pairs the n-th packets of both sides into one multistream packet, left (agent) first and self-delimited', async () => {
    const { bytes, errors } = await record(10);
    expect(errors).toEqual([]);
    for (let n = 0; n < 10; n++) expect(indexOf(bytes, [TOC, 2, 0, n, TOC, 1, n])).toBeGreaterThan(0);
  });

  it('the track is described as two uncoupled streams with the encoder’s pre-skip (RFC 7845 §5.1)', async () => {
    const { bytes } = await record(3);
    const head = indexOf(
      bytes,
      [...'OpusHead'].map((c) => c.charCodeAt(0)),
    );
    expect(head).toBeGreaterThan(0);
    expect([...bytes.subarray(head + 8, head + 23)]).toEqual([1, 2, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 1, 2, 0, 0, 1]);
    expect(indexOf(bytes, [0x1a, 0x45, 0xdf, 0xa3])).toBe(0); // an EBML (WebM) file from its first byte
  });

  it('an encoder failure reaches onerror (the CallRecorder then says the recording failed)', async () => {
    failOnEncode = 2;
    const { errors } = await record(5);
    expect(errors.map((e) => e.message)).toEqual(['encoder broke']);
  });
});
