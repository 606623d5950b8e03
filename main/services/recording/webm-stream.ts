import { Id, SEGMENT_CHILDREN, readHeader, readUint, type ElementHeader } from './ebml';
import { opusPacketDurationMs } from './opus-duration';

/** One audio block as found in the input; `raw` is the whole SimpleBlock/BlockGroup element. */
export interface Block {
  readonly raw: Buffer;
  readonly timeMs: number;
  readonly durationMs: number | null;
}

/** What the parser reports while it reads, in input order. */
export interface WebmSink {
  /** A usable block of the `ordinal`-th Cluster met in the input. */
  block(ordinal: number, block: Block): Promise<void> | void;
  /** The Cluster is over; `timecode` is its Timecode (0 when it had none). */
  clusterEnd(ordinal: number, timecode: number): void;
}

/** The small elements the output is built around (copied out of the input). */
export interface WebmHead {
  readonly ebmlRaw: Buffer;
  /** Info's children except Duration. */
  readonly infoChildren: Buffer[];
  readonly timecodeScale: number;
  readonly tracksRaw: Buffer;
  /** Input bytes that went into the output (the rest was torn or unreadable). */
  readonly usedBytes: number;
}

// Opus blocks are a few hundred bytes and headers well under a kilobyte: a bigger element is a
// corrupt size field, treated like a torn element instead of being read into memory.
const MAX_ELEMENT_BYTES = 1024 * 1024;
const HEADER_BYTES = 12; // 4-byte id + 8-byte size at most
const CLUSTER_ID = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);

/** A sliding view over a byte stream of known length: only bytes the parser may still need are held. */
class ByteWindow {
  buf: Buffer = Buffer.alloc(0);
  /** Stream offset of `buf[0]`. */
  base = 0;
  private floor = 0;

  constructor(
    private readonly input: AsyncIterator<Buffer>,
    readonly total: number,
  ) {}

  get end(): number {
    return this.base + this.buf.length;
  }

  /** Loads bytes until `[pos, pos + length)` is held or the stream ends. */
  async ensure(pos: number, length: number): Promise<void> {
    const want = Math.min(pos + length, this.total);
    while (this.end < want) {
      const next = await this.input.next();
      if (next.done) throw new Error(`录音数据比预期短 (stream ended at ${this.end} of ${this.total} bytes)`);
      this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value]);
      this.trim();
    }
  }

  /** Bytes before `pos` will not be looked at again. */
  release(pos: number): void {
    this.floor = Math.max(this.floor, pos);
    this.trim();
  }

  private trim(): void {
    const cut = Math.min(this.floor - this.base, this.buf.length);
    if (cut > 0) {
      this.buf = this.buf.subarray(cut);
      this.base += cut;
    }
  }

  /** The element header at stream offset `pos`, in stream offsets. */
  async header(pos: number): Promise<ElementHeader | null> {
    await this.ensure(pos, HEADER_BYTES);
    const h = pos < this.end ? readHeader(this.buf, pos - this.base) : null;
    return h && { ...h, start: pos, dataStart: pos + (h.dataStart - h.start) };
  }

  /** A copy of `[start, end)`, cut short at the end of the stream. */
  async copy(start: number, end: number): Promise<Buffer> {
    await this.ensure(start, end - start);
    return Buffer.from(this.buf.subarray(start - this.base, Math.min(end, this.end) - this.base));
  }

  /** Stream offset of the first `pattern` at or after `from` and before `limit`, or -1. */
  async find(pattern: Buffer, from: number, limit: number): Promise<number> {
    let p = from;
    while (p < limit) {
      this.release(p);
      await this.ensure(p, 64 * 1024);
      if (p >= this.end) return -1;
      const at = this.buf.indexOf(pattern, p - this.base);
      if (at >= 0) return this.base + at;
      if (this.end >= this.total) return -1;
      p = Math.max(p, this.end - (pattern.length - 1));
    }
    return -1;
  }
}

/**
 * Reads a MediaRecorder WebM as a stream (`total` bytes; `breaks` are offsets where bytes before
 * are missing): the EBML header, Info and Tracks are returned, every complete audio block goes to
 * the sink as it is read. Whatever a crash or a lost chunk tore apart is dropped, resynchronising
 * on the next Cluster. Holds one element at a time, never the recording.
 */
export async function parseWebmStream(input: AsyncIterable<Buffer>, total: number, breaks: readonly number[], sink: WebmSink): Promise<WebmHead> {
  const win = new ByteWindow(input[Symbol.asyncIterator](), total);
  const spansBreak = (start: number, end: number) => breaks.some((b) => b > start && b < end);
  const ebml = await win.header(0);
  if (!ebml || ebml.id !== Id.EBML || ebml.size === null || ebml.size > MAX_ELEMENT_BYTES) throw new Error('录音数据不是 WebM (no EBML header)');
  const ebmlRaw = await win.copy(0, ebml.dataStart + ebml.size);
  const segment = await win.header(ebmlRaw.length);
  if (!segment || segment.id !== Id.Segment) throw new Error('录音数据不是 WebM (no Segment)');
  const segmentEnd = segment.size === null ? total : Math.min(total, segment.dataStart + segment.size);

  let infoChildren: Buffer[] | null = null;
  let timecodeScale = 1_000_000;
  let tracksRaw: Buffer | null = null;
  let used = ebmlRaw.length + (segment.dataStart - segment.start);
  let pos = segment.dataStart;
  let ordinal = 0;

  const resync = async (from: number): Promise<number> => {
    const next = breaks.find((b) => b >= from) ?? from;
    const at = await win.find(CLUSTER_ID, Math.max(from, next), segmentEnd);
    return at < 0 || at >= segmentEnd ? segmentEnd : at;
  };

  while (pos < segmentEnd) {
    win.release(pos);
    const h = await win.header(pos);
    if (!h || !SEGMENT_CHILDREN.has(h.id)) {
      pos = await resync(pos + 1);
      continue;
    }
    if (h.id === Id.Cluster) {
      const parsed = await readCluster(win, h, segmentEnd, timecodeScale, spansBreak, ordinal, sink);
      sink.clusterEnd(ordinal++, parsed.timecode);
      used += parsed.usedBytes;
      pos = parsed.clean ? parsed.end : await resync(parsed.end);
      continue;
    }
    const end = h.size === null ? -1 : h.dataStart + h.size;
    const wanted = (h.id === Id.Info && infoChildren === null) || (h.id === Id.Tracks && tracksRaw === null);
    if (end < 0 || end > segmentEnd || spansBreak(h.start, end) || (wanted && end - h.start > MAX_ELEMENT_BYTES)) {
      pos = await resync(pos + 1);
      continue;
    }
    if (h.id === Id.Info && infoChildren === null) {
      const bytes = await win.copy(h.start, end);
      infoChildren = [];
      for (const child of children(bytes, h.dataStart - h.start, end - h.start)) {
        if (child.id === Id.Duration) continue;
        if (child.id === Id.TimecodeScale) timecodeScale = readUint(bytes, child.dataStart, child.dataStart + (child.size ?? 0));
        infoChildren.push(bytes.subarray(child.start, child.dataStart + (child.size ?? 0)));
      }
      used += end - h.start;
    } else if (h.id === Id.Tracks && tracksRaw === null) {
      tracksRaw = await win.copy(h.start, end);
      used += end - h.start;
    }
    pos = end;
  }
  if (!infoChildren || !tracksRaw) throw new Error('录音数据缺少 WebM 头信息 (no Info/Tracks)');
  return { ebmlRaw, infoChildren, timecodeScale, tracksRaw, usedBytes: used };
}

function* children(buf: Buffer, start: number, end: number): Generator<ElementHeader> {
  let pos = start;
  while (pos < end) {
    const h = readHeader(buf, pos);
    if (!h || h.size === null || h.dataStart + h.size > end) return;
    yield h;
    pos = h.dataStart + h.size;
  }
}

async function readCluster(
  win: ByteWindow,
  h: ElementHeader,
  segmentEnd: number,
  timecodeScale: number,
  spansBreak: (start: number, end: number) => boolean,
  ordinal: number,
  sink: WebmSink,
): Promise<{ timecode: number; end: number; clean: boolean; usedBytes: number }> {
  const declaredEnd = h.size === null ? segmentEnd : Math.min(segmentEnd, h.dataStart + h.size);
  let timecode: number | null = null;
  let pos = h.dataStart;
  let used = h.dataStart - h.start;
  const msPerTick = timecodeScale / 1_000_000;
  const result = (end: number, clean: boolean) => ({ timecode: timecode ?? 0, end, clean, usedBytes: used });
  while (pos < declaredEnd) {
    win.release(pos);
    const c = await win.header(pos);
    if (!c) return result(pos, false);
    if (h.size === null && SEGMENT_CHILDREN.has(c.id) && c.id !== Id.Void) break; // next top-level element
    const end = c.size === null ? -1 : c.dataStart + c.size;
    const isBlock = c.id === Id.SimpleBlock || c.id === Id.BlockGroup;
    const held = c.id === Id.Timecode || (isBlock && timecode !== null);
    if (end < 0 || end > declaredEnd || spansBreak(c.start, end) || (held && end - c.start > MAX_ELEMENT_BYTES)) return result(pos + 1, false);
    if (held) await win.ensure(c.start, end - c.start);
    const local = (n: number) => n - win.base;
    if (c.id === Id.Timecode) timecode = readUint(win.buf, local(c.dataStart), local(end));
    else if (held && timecode !== null) {
      const block = parseBlock(win.buf, { ...c, start: local(c.start), dataStart: local(c.dataStart) }, local(end), timecode, msPerTick);
      if (block) await sink.block(ordinal, block);
    }
    used += end - c.start;
    pos = end;
  }
  return result(pos, true);
}

function parseBlock(buf: Buffer, c: ElementHeader, end: number, clusterTime: number, msPerTick: number): Block | null {
  let payloadStart = c.dataStart;
  let payloadEnd = end;
  let durationTicks: number | null = null;
  if (c.id === Id.BlockGroup) {
    let found = false;
    for (const g of children(buf, c.dataStart, end)) {
      if (g.id === Id.Block) {
        payloadStart = g.dataStart;
        payloadEnd = g.dataStart + (g.size ?? 0);
        found = true;
      } else if (g.id === Id.BlockDuration) durationTicks = readUint(buf, g.dataStart, g.dataStart + (g.size ?? 0));
    }
    if (!found) return null;
  }
  // Block payload: track number (vint) | int16 relative time | flags | frame data.
  const first = buf[payloadStart] ?? 0;
  let trackLen = 1;
  while (trackLen <= 8 && !(first & (0x80 >> (trackLen - 1)))) trackLen++;
  const timePos = payloadStart + trackLen;
  if (timePos + 3 > payloadEnd) return null;
  const relative = buf.readInt16BE(timePos);
  const flags = buf[timePos + 2]!;
  const laced = (flags & 0x06) !== 0;
  const frameDur = laced ? null : opusPacketDurationMs(buf.subarray(timePos + 3, payloadEnd));
  return {
    raw: buf.subarray(c.start, end),
    timeMs: (clusterTime + relative) * msPerTick,
    durationMs: durationTicks !== null ? durationTicks * msPerTick : frameDur,
  };
}
