import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from './run';
import { median, spread } from './lib/stats';
import { buildServices, liveWebm, splitChunks } from '../test/main/services/recording/support';

const RUNS = 3;
const MINUTES = 60;
/** Memory is sampled this often while the recording service finalises. */
const SAMPLE_MS = 2;

/**
 * Memory while the real recording service finalises a 60-minute stereo Opus recording (48 kbit/s
 * from ffmpeg, fed as 64 KiB chunks like MediaRecorder's): decrypt the chunks, remux, encrypt the
 * container, hash, write the manifest.
 * - `recording.finalise_peak_mb`: the largest rise of the process's memory (RSS) above what it held
 *   just before `stop`, sampled every 2 ms; median of 3 with min/max.
 * - beside it `recording.finalise_file_mb` (the finalised WebM's size) and their ratio: 1 means the
 *   whole recording is held once; streaming finalisation would bring it well under 1.
 */
export default async function run(report: Report): Promise<void> {
  const chunks = splitChunks(liveWebm(MINUTES * 60), 64 * 1024);
  const peaks: number[] = [];
  let fileMb = 0;
  for (let i = 0; i < RUNS; i++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-finalise-bench-'));
    try {
      const s = await buildServices({ dataDir });
      const { sessionId } = await s.sessions.open({ caseId: 'P2026-0001', agentId: '1001', scriptId: null, scriptVersion: null, contractEndDate: null });
      await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
      for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(sessionId, seq, c);
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((r) => setTimeout(r, 50));
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), SAMPLE_MS);
      const manifest = await s.recording.stop(sessionId);
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      peaks.push((peak - before) / 1048576);
      const webm = manifest.parts.find((p) => p.name.endsWith('.webm')) ?? manifest.parts[0]!;
      fileMb = webm.bytes / 1048576;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  report('recording.finalise_peak_mb', median(peaks), 'MB above the process before stop', spread(peaks));
  report('recording.finalise_file_mb', fileMb, 'MB (the finalised WebM, 60 min at 48 kbit/s)');
  report('recording.finalise_peak_ratio', median(peaks) / fileMb, 'peak / file size');
}
