import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One upload in progress at the centre: the bytes it holds of the declared recording. */
export interface PendingPart {
  readonly sessionId: string;
  readonly received: number;
  readonly declared: number;
}

/**
 * What the centre holds of uploads in progress, read from its scratch area
 * (`<archive>/incoming/<id>/begin.json` declares the size, `recording.part` holds what was
 * acknowledged: center/archive/pending-upload.ts).
 */
export async function partials(incomingDir: string): Promise<PendingPart[]> {
  let ids: string[];
  try {
    ids = await readdir(incomingDir);
  } catch {
    return [];
  }
  const out: PendingPart[] = [];
  for (const sessionId of ids) {
    try {
      const begin = JSON.parse(await readFile(join(incomingDir, sessionId, 'begin.json'), 'utf8')) as { recording: { size: number } | null };
      if (!begin.recording) continue;
      const received = (await stat(join(incomingDir, sessionId, 'recording.part'))).size;
      out.push({ sessionId, received, declared: begin.recording.size });
    } catch {
      // Being written or just adopted into the blob store: not an upload in progress this instant.
    }
  }
  return out;
}

/** Uploads cut part-way: some bytes at the centre, not all. */
export const midUpload = (ps: readonly PendingPart[]) => ps.filter((p) => p.received > 0 && p.received < p.declared);

/**
 * Resolves once an upload has moved at least `aheadBytes` past where it stood at `baseline` (so the
 * host is streaming chunks right now, in this launch) with more than `leftBytes` still to come, or
 * null when `stopped()` turns true first.
 */
export async function uploadPassed(
  incomingDir: string,
  baseline: readonly PendingPart[],
  aheadBytes: number,
  leftBytes: number,
  stopped: () => boolean,
): Promise<PendingPart | null> {
  const before = new Map(baseline.map((p) => [p.sessionId, p.received]));
  while (!stopped()) {
    for (const p of await partials(incomingDir)) {
      const from = before.get(p.sessionId) ?? 0;
      if (p.received > from && p.declared - p.received > leftBytes && p.received - from >= aheadBytes) return p;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return null;
}
