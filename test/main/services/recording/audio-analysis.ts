import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadHostKey, nodeSecretProtector } from '../../../../main/services/node-secret-protector';
import { loadDataKeys } from '../../../../main/services/recording/data-keys';
import { openContainer } from '../../../../main/services/recording/encrypted-container';
import { nodeRecordingFs } from '../../../../main/services/recording/recording-fs';
import type { RecordingManifest } from '../../../../shared/ipc/channels/recording';

/** Finalised recordings found in a host's data directory (read from disk, as an auditor would). */
export function findManifests(dataDir: string): RecordingManifest[] {
  const root = path.join(dataDir, 'sessions');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((id) => path.join(root, id, 'manifest.json'))
    .filter((f) => existsSync(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as RecordingManifest);
}

/**
 * Decrypts a finalised recording with the host's own key material (host.key → wrapped data key)
 * and checks both SHA-256 values of the manifest.
 */
export async function decryptFromDisk(dataDir: string, manifest: RecordingManifest): Promise<Buffer> {
  const keys = await loadDataKeys(dataDir, nodeSecretProtector(loadHostKey(dataDir, {})), nodeRecordingFs());
  const sealed = readFileSync(path.join(dataDir, 'sessions', manifest.sessionId, 'audio.webm.enc'));
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  if (manifest.parts.find((p) => p.name === 'audio.webm.enc')?.sha256 !== sha(sealed)) throw new Error('container hash mismatch');
  const webm = openContainer(keys.recording, manifest.sessionId, sealed);
  if (manifest.parts.find((p) => p.name === 'audio.webm')?.sha256 !== sha(webm)) throw new Error('webm hash mismatch');
  return webm;
}

/** ffprobe: container duration (s) and channel count. */
export function probeFile(webm: Buffer): { duration: number | null; channels: number; codec: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'huifang-probe-')), 'r.webm');
  writeFileSync(file, webm);
  const json = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]).toString()) as {
    format: { duration?: string };
    streams: { channels: number; codec_name: string }[];
  };
  return { duration: json.format.duration ? Number(json.format.duration) : null, channels: json.streams[0]!.channels, codec: json.streams[0]!.codec_name };
}

const RATE = 16000;
const WINDOW = RATE / 20; // 50 ms

/** Decodes a file to per-channel 16 kHz float samples with ffmpeg. */
export function decodeChannels(input: Buffer | string, channels: 1 | 2): Float32Array[] {
  let file = typeof input === 'string' ? input : '';
  if (typeof input !== 'string') {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'huifang-pcm-')), 'in.webm');
    writeFileSync(file, input);
  }
  const pcm = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 's16le', '-ac', String(channels), '-ar', String(RATE), 'pipe:1'], {
    maxBuffer: 512 * 1024 * 1024,
  });
  const frames = pcm.length / (2 * channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) out[c]![i] = pcm.readInt16LE((i * channels + c) * 2) / 32768;
  return out;
}

/** RMS of a channel (whole signal). */
export function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

/** 50 ms RMS envelope. */
export function envelope(x: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + WINDOW <= x.length; i += WINDOW) out.push(rms(x.subarray(i, i + WINDOW)));
  return out;
}

/**
 * Best Pearson correlation between a recorded channel's envelope and a looped source's envelope
 * over every lag: high when the channel carries that source's speech rhythm.
 */
export function bestLagCorrelation(recorded: number[], source: number[]): number {
  let best = -1;
  for (let lag = 0; lag < source.length; lag++) {
    const looped = recorded.map((_, i) => source[(i + lag) % source.length]!);
    best = Math.max(best, pearson(recorded, looped));
  }
  return best;
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}
