import { mkdtempSync, rmSync, createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Report } from './run';
import { median, ratioSpread, spread } from './lib/stats';
import { buildServices, liveWebm, splitChunks } from '../test/main/services/recording/support';

const RUNS = 5;
const MINUTES = 60;
/** Memory is sampled this often while the step being measured runs. */
const SAMPLE_MS = 2;

/** Largest rise of the process's RSS above its level just before `step`, in MB. */
async function rssRise(step: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 50));
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), SAMPLE_MS);
  try {
    await step();
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, process.memoryUsage().rss) - before) / 1048576;
}

/**
 * Memory while the real recording service finalises a 60-minute stereo Opus recording (48 kbit/s
 * from ffmpeg, fed as 64 KiB chunks like MediaRecorder's): decrypt the chunks, remux, encrypt the
 * container, hash, write the manifest.
 * - `recording.finalise_peak_mb`: the largest rise of the process's memory (RSS) above what it held
 *   just before `stop`, sampled every 2 ms; median of 5 with min/max.
 * - `recording.finalise_copy_peak_mb`, the same-run baseline: the rise while the same part file is
 *   merely stream-copied (node streams, 64 KiB pieces) just before; `recording.finalise_peak_ratio`
 *   is finalisation over that copy, floored at 1 MB (1 = finalising costs no more memory than copying).
 * - `recording.finalise_file_mb` (the finalised WebM's size) and `recording.finalise_peak_file_ratio`:
 *   1 means the whole recording is held once; a streaming finalisation stays well under 1.
 */
export default async function run(report: Report): Promise<void> {
  const chunks = splitChunks(liveWebm(MINUTES * 60), 64 * 1024);
  const peaks: number[] = [];
  const copies: number[] = [];
  let fileMb = 0;
  for (let i = 0; i < RUNS; i++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-finalise-bench-'));
    try {
      const s = await buildServices({ dataDir });
      const { sessionId } = await s.sessions.open({ caseId: 'P2026-0001', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: null });
      await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
      for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(sessionId, seq, c);
      const part = path.join(dataDir, 'sessions', sessionId, 'audio.part');
      copies.push(await rssRise(() => pipeline(createReadStream(part), createWriteStream(path.join(dataDir, 'copy.part')))));
      let bytes = 0;
      peaks.push(
        await rssRise(async () => {
          const manifest = await s.recording.stop(sessionId);
          bytes = (manifest.parts.find((p) => p.name.endsWith('.webm')) ?? manifest.parts[0]!).bytes;
        }),
      );
      fileMb = bytes / 1048576;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  report('recording.finalise_peak_mb', median(peaks), 'MB above the process before stop', spread(peaks));
  report('recording.finalise_copy_peak_mb', median(copies), 'MB above the process while stream-copying the part file', spread(copies));
  report(
    'recording.finalise_peak_ratio',
    median(peaks) / Math.max(median(copies), 1),
    'finalise peak / stream-copy peak (copy floored at 1 MB: RSS sampling resolves no less)',
    ratioSpread(
      peaks,
      copies.map((c) => Math.max(c, 1)),
    ),
  );
  report('recording.finalise_file_mb', fileMb, 'MB (the finalised WebM, 60 min at 48 kbit/s)');
  report('recording.finalise_peak_file_ratio', median(peaks) / fileMb, 'peak / file size');
}
