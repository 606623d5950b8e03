import { createHash, randomBytes } from 'node:crypto';
import type { CallSession, RecordingManifest } from '../../../shared/ipc/channels/recording';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A closed session of `agentId` with personal data that must never be stored in clear. */
export function closedSession(id: string, agentId: string, manifest: RecordingManifest | null): CallSession {
  return {
    id,
    caseId: 'PA000001',
    agentId,
    scriptId: 'new-policy',
    scriptVersion: '1',
    sipCallId: 'call-1@desk',
    createdAt: Date.parse('2026-03-10T01:00:00Z'),
    startedAt: Date.parse('2026-03-10T01:00:05Z'),
    answeredAt: Date.parse('2026-03-10T01:00:12Z'),
    endedAt: Date.parse('2026-03-10T01:06:00Z'),
    markers: [],
    answers: { identity: '是' },
    outcome: 'standard',
    outcomeNote: '投保人张秘密确认本人签名',
    kinds: ['none_found'],
    state: 'closed',
    recording: manifest ? { state: 'finalised', recovered: false, manifest, gaps: [] } : { state: 'failed', recovered: false, manifest: null, gaps: [] },
    retention: { until: null, contractEndDate: null, legalHold: false, legalHoldReason: null },
  };
}

/** A manifest whose container part is `container` (the plaintext part is made up). */
export function manifestFor(id: string, container: Buffer): RecordingManifest {
  return {
    version: 1,
    sessionId: id,
    mimeType: 'audio/webm;codecs=opus',
    channels: { left: 'agent', right: 'customer' },
    startedAt: Date.parse('2026-03-10T01:00:12Z'),
    finalisedAt: Date.parse('2026-03-10T01:06:01Z'),
    durationMs: 348_000,
    recovered: false,
    chunksReceived: 348,
    parts: [
      { name: 'audio.webm.enc', bytes: container.length, sha256: sha256(container) },
      { name: 'audio.webm', bytes: container.length - 100, sha256: sha256(randomBytes(8)) },
    ],
    chunkSha256: [],
    gaps: [],
  };
}
