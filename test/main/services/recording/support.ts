import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventName } from '../../../../shared/ipc/contract';
import { IpcRouter } from '../../../../main/ipc/ipc-router';
import { nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import type { AccessPolicy } from '../../../../main/services/recording/access-policy';
import { createRecordingServices } from '../../../../main/services/recording/create-recording-services';
import { nodeRecordingFs, type RecordingFs } from '../../../../main/services/recording/recording-fs';

/** A fresh data directory. */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'huifang-rec-test-'));
}

/**
 * A Chrome-like live WebM (unknown sizes, no Duration): stereo Opus, 440 Hz left, 880 Hz right,
 * made by ffmpeg with `-live 1` written to a pipe.
 */
export function liveWebm(seconds: number): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=880:duration=${seconds}`,
      '-filter_complex',
      '[0][1]amerge=inputs=2',
      '-c:a',
      'libopus',
      '-b:a',
      '48k',
      '-live',
      '1',
      '-f',
      'webm',
      'pipe:1',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

/** Splits bytes like MediaRecorder's timeslice does: boundaries ignore element structure. */
export function splitChunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** ffprobe's view of a WebM file. */
export function probe(webm: Buffer): { duration: number | null; channels: number; codec: string } {
  const file = path.join(tempDataDir(), 'probe.webm');
  writeFileSync(file, webm);
  const json = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]).toString()) as {
    format: { duration?: string };
    streams: { channels: number; codec_name: string }[];
  };
  return {
    duration: json.format.duration === undefined ? null : Number(json.format.duration),
    channels: json.streams[0]!.channels,
    codec: json.streams[0]!.codec_name,
  };
}

/** Duration in seconds measured by fully decoding the file (not trusting the header). */
export function decodedSeconds(webm: Buffer): number {
  const file = path.join(tempDataDir(), 'decode.webm');
  writeFileSync(file, webm);
  const pcm = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 's16le', '-ac', '2', '-ar', '48000', 'pipe:1'], { maxBuffer: 256 * 1024 * 1024 });
  return pcm.length / (48000 * 2 * 2);
}

/** Events a service emitted. */
export interface Emitted {
  readonly name: EventName;
  readonly payload: unknown;
}

/** Builds the recording services over a data dir with an injected key and recorded events. */
export async function buildServices(options: { dataDir: string; key?: Buffer; fs?: RecordingFs; now?: () => number; policy?: AccessPolicy }) {
  const key = options.key ?? randomBytes(32);
  const events: Emitted[] = [];
  const router = new IpcRouter();
  const services = await createRecordingServices(
    { dataDir: options.dataDir, secrets: nodeSecretProtector(key), emit: (name, payload) => events.push({ name, payload }) },
    router,
    { fs: options.fs ?? nodeRecordingFs(), now: options.now },
  );
  if (options.policy) services.setAccessPolicy(options.policy);
  return { ...services, router, events, key };
}

/** A file-system layer whose writes start failing with `code` when `failing.on` is true. */
export function failingFs(code: string): { fs: RecordingFs; failing: { on: boolean } } {
  const real = nodeRecordingFs();
  const failing = { on: false };
  const fail = () => Object.assign(new Error(`${code}: simulated`), { code });
  return {
    failing,
    fs: {
      ...real,
      async appendDurable(file, bytes) {
        if (failing.on) {
          // Like a real full disk: part of the frame may reach the file before the error.
          await real.appendDurable(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
          throw fail();
        }
        return real.appendDurable(file, bytes);
      },
      async writeAtomic(file, bytes) {
        if (failing.on) throw fail();
        return real.writeAtomic(file, bytes);
      },
      async mkdirp(dir) {
        if (failing.on) throw fail();
        return real.mkdirp(dir);
      },
    },
  };
}
