import { MAX_CHUNK_BYTES } from '../../../shared/ipc/channels/recording';
import { DomainError } from '../../../shared/ipc/ipc-error';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { CallSessionStore } from '../sessions/call-session-store';
import type { RecordingService } from './recording-service';

/** Registers the `session:*` and `recording:*` channels. Request defaults are applied by the schemas. */
export function registerRecordingHandlers(router: IpcRouter, recording: RecordingService, sessions: CallSessionStore): void {
  router.register({
    'session:open': (req, caller) =>
      sessions.open(
        {
          caseId: req.caseId ?? null,
          agentId: req.agentId ?? null,
          scriptId: req.scriptId ?? null,
          scriptVersion: req.scriptVersion ?? null,
          contractEndDate: req.contractEndDate ?? null,
          ...(req.scriptValues ? { scriptValues: req.scriptValues } : {}),
        },
        caller,
      ),
    'session:setCallInfo': async (req) => {
      await sessions.setCallInfo(req);
      return { ok: true as const };
    },
    'session:attachCase': async (req) => {
      await sessions.attachCase({ ...req, contractEndDate: req.contractEndDate ?? null });
      return { ok: true as const };
    },
    'session:marker': async (req) => {
      await sessions.marker(req.sessionId, { questionId: req.questionId, at: req.at, answer: req.answer ?? null, ...(req.reask ? { reask: true } : {}) });
      return { ok: true as const };
    },
    'session:close': (req) =>
      sessions.close({
        sessionId: req.sessionId,
        answers: req.answers ?? {},
        outcome: req.outcome ?? null,
        outcomeNote: req.outcomeNote ?? null,
        kinds: req.kinds ?? [],
        endedAt: req.endedAt,
      }),
    'session:list': (req, caller) => sessions.listFor({ caseId: req.caseId, limit: req.limit ?? 100 }, caller),
    'session:get': (req, caller) => sessions.view(req.sessionId, caller),
    'session:delete': async (req, caller) => {
      await sessions.delete(req.sessionId, caller);
      return { deleted: true as const };
    },
    'session:setLegalHold': (req, caller) => sessions.setLegalHold(req.sessionId, req.hold, req.reason ?? null, caller),
    'recording:start': (req) =>
      recording.start(req.sessionId, { mimeType: req.mimeType ?? 'audio/webm;codecs=opus', audioBitsPerSecond: req.audioBitsPerSecond ?? 48000 }),
    'recording:chunk': (req) => {
      const bytes = Buffer.from(req.data, 'base64');
      if (bytes.length === 0 || bytes.length > MAX_CHUNK_BYTES) throw new DomainError('录音分片大小无效。');
      return recording.appendChunk(req.sessionId, req.seq, bytes);
    },
    'recording:stop': async (req) => ({ manifest: await recording.stop(req.sessionId, req.peaks) }),
    'recording:canStartCall': () => recording.canStartCall(),
  });
}
