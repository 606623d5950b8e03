import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Report } from './run';
import { median, ratioSpread, spread } from './lib/stats';
import { createContext } from '../center/start-center';
import { startHttpServer } from '../center/server/http-server';
import { ArchiveUploader } from '../main/services/archive/archive-uploader';
import { httpArchiveCentre } from '../main/services/archive/archive-centre';
import { nodeRecordingFs } from '../main/services/recording/recording-fs';
import { sqliteEngine } from '../test/center/support/engines';
import { prepared, seedCases, seedUsers } from '../test/center/support/seed';
import { loginAs } from '../test/center/support/in-process-center';
import { buildServices, liveWebm, splitChunks } from '../test/main/services/recording/support';
import { qaOpenBench } from './lib/qa-open';
import { DEFAULT_SCRIPT } from '../shared/domain/script/default-script';
import { PeakTracker } from '../renderer/features/recording/peak-tracker';

const RUNS = 5;
// Fixed loopback ports, movable when another run holds them.
const CENTRE_PORT = Number(process.env.HUIFANG_BENCH_ARCHIVE_PORT ?? 47210);
const RAW_PORT = CENTRE_PORT + 1;
const scratch = process.env.HUIFANG_BENCH_ARCHIVE_SCRATCH ?? '/tmp/wt-archive-data';
const caseIdOf = (run: number) => `P2026-00${10 + run}`;

/**
 * Evidence archive upload over loopback:
 * - `archive.upload_10min_ms`: one closed session with a 10-minute stereo Opus recording (48 kbit/s,
 *   finalised by the real recording service) uploaded by the real uploader to an in-process centre
 *   on SQLite: begin, 1 MiB chunks each fsynced at the centre, complete (hash, blob store, row).
 *   Each run is a fresh desk (its own key, so a distinct container the centre has not stored).
 * - `archive.upload_10min_ratio`: that median over the median of one raw loopback HTTP PUT of the
 *   same bytes to a server that only reads them (no fsync, no hashing).
 * - `archive.qa_open_ms` / `archive.qa_seek_ms` and their ratios: see bench/lib/qa-open.ts (QA in
 *   Chromium through the web host opens those archived 10-minute calls and jumps to a question).
 * - `qa.evaluation_open_ms` and its ratio: see bench/lib/qa-evaluation-open.ts (the same calls, now
 *   local, opened for scoring from QA's work list).
 */
/**
 * The waveform the desk's recorder would send with this recording (renderer/features/recording/
 * peak-tracker.ts, the production code, fed the same signal liveWebm encodes: 440 Hz left, 880 Hz
 * right, ffmpeg's sine amplitude 1/8), so QA's player draws it as it does for a recorded call.
 */
function recorderPeaks(seconds: number) {
  const rate = 8000;
  const tracker = new PeakTracker();
  for (let s = 0; s < seconds; s++) {
    for (const [side, hz] of [
      [0, 440],
      [1, 880],
    ] as const) {
      const frame = new Float32Array(rate);
      for (let i = 0; i < rate; i++) frame[i] = Math.sin((2 * Math.PI * hz * (s * rate + i)) / rate) / 8;
      tracker.add(side, frame, rate);
    }
  }
  return tracker.encode();
}

export default async function run(report: Report): Promise<void> {
  mkdirSync(scratch, { recursive: true });
  const work = mkdtempSync(path.join(scratch, 'bench-'));
  const chunks = splitChunks(liveWebm(600), 64 * 1024);
  const peaks = recorderPeaks(600);
  const opened = await sqliteEngine.open();
  await seedUsers(opened.store);
  // The calls' cases, so QA's form can be built for them (it is generated from the case's product).
  await seedCases(
    opened.store,
    Array.from({ length: RUNS }, (_, i) => prepared(caseIdOf(i))),
  );
  const context = await createContext(opened.store, { archiveDir: path.join(work, 'archive') });
  const server = await startHttpServer(context, { host: '127.0.0.1', port: CENTRE_PORT });
  const raw = createServer((req, res) => {
    req.on('data', () => undefined).on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => raw.listen(RAW_PORT, '127.0.0.1', resolve));
  try {
    const token = await loginAs(server.url, '1001');
    const upload: number[] = [];
    const archived: string[] = [];
    const baseline: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const dataDir = mkdtempSync(path.join(work, 'desk-'));
      const s = await buildServices({ dataDir });
      const caseId = caseIdOf(i);
      const { sessionId } = await s.sessions.open({
        caseId,
        agentId: '1001',
        scriptId: DEFAULT_SCRIPT.id,
        scriptVersion: DEFAULT_SCRIPT.version,
        contractEndDate: null,
      });
      await s.recording.start(sessionId, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 48000 });
      // Three questions spread over the call, for QA's jump (the recording is written faster than real time).
      const t0 = Date.now();
      for (const [k, questionId] of ['identity', 'consent', 'insurance_nature'].entries())
        await s.sessions.marker(sessionId, { questionId, at: t0 + (60 + k * 240) * 1000, answer: '是' });
      for (const [seq, c] of chunks.entries()) await s.recording.appendChunk(sessionId, seq, c);
      await s.recording.stop(sessionId, peaks);
      // A problem case: the centre's sampling puts every one on QA's work list (qa.evaluation_open_ms).
      await s.sessions.close({ sessionId, answers: {}, outcome: 'problem', outcomeNote: null });
      const container = readFileSync(path.join(dataDir, 'sessions', sessionId, 'audio.webm.enc'));
      bytes = container.length;
      const uploader = new ArchiveUploader({
        dataDir,
        fs: nodeRecordingFs(),
        sessions: s.sessions,
        recordingKey: s.recordingKey,
        centre: httpArchiveCentre({ endpoint: async () => ({ ok: true, value: { baseUrl: server.url, accessToken: token } }) }),
      });
      let t = performance.now();
      const r = await uploader.upload('1001', sessionId);
      upload.push(performance.now() - t);
      if (r.kind !== 'archived') throw new Error(`run ${i} did not archive: ${JSON.stringify(r)}`);
      archived.push(sessionId);
      t = performance.now();
      const res = await fetch(`http://127.0.0.1:${RAW_PORT}/put`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(container),
      });
      await res.text();
      baseline.push(performance.now() - t);
    }
    report('archive.upload_10min_ms', median(upload), 'ms', spread(upload));
    report('archive.upload_10min_bytes', bytes, 'bytes');
    report('archive.upload_10min_raw_put_ms', median(baseline), 'ms', spread(baseline));
    report('archive.upload_10min_ratio', median(upload) / median(baseline), 'ratio', ratioSpread(upload, baseline));
    await qaOpenBench(report, server.url, archived);
  } finally {
    raw.close();
    await server.close();
    await opened.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}
