import { randomBytes } from 'node:crypto';
import { callSessionSchema, type CallSession, type RecordingManifest } from '../../../shared/ipc/channels/recording';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { DomainError } from '../../../shared/ipc/ipc-error';
import type { CallerContext } from '../../ipc/ipc-router';
import { accessEntry, type AccessLog } from '../recording/access-log';
import type { AccessPolicy, RecordingAction } from '../recording/access-policy';
import type { RecordingFs } from '../recording/recording-fs';
import type { RecordingInfo } from '../recording/recording-service';
import { isTrainingPolicy } from '../../../shared/domain/training-cases';
import { DEFAULT_RETENTION, retentionRefusal, retentionUntil, type RetentionConfig } from '../recording/retention';
import { sessionPaths, sessionsRoot } from '../recording/session-paths';
import { openSession, sealSession } from './session-cipher';
import { sessionSummary, withLive } from './session-summary';

/** What is known when a session is opened (before dialling). */
export interface OpenSessionRequest {
  readonly caseId: string | null;
  readonly agentId: string | null;
  readonly scriptId: string | null;
  readonly scriptVersion: string | null;
  /** Contract end (YYYY-MM-DD) when known: drives the retention end. */
  readonly contractEndDate: string | null;
  /** The script's placeholder values on this call (kept for QA's replay). */
  readonly scriptValues?: Readonly<Record<string, string>>;
}

export interface CallSessionStoreOptions {
  readonly dataDir: string;
  readonly fs: RecordingFs;
  /** AES-256-GCM key for session records (see recording/data-keys). */
  readonly key: Buffer;
  /** The recording side of a session (state, manifest, gaps). */
  readonly recordingInfo: (sessionId: string) => Promise<RecordingInfo>;
  readonly policy: AccessPolicy;
  readonly accessLog: AccessLog;
  readonly retention?: RetentionConfig;
  readonly now?: () => number;
}

/**
 * Call sessions: case, agent, script and version, SIP call id, times, a marker per script question,
 * answers, outcome, the recording manifest and gaps. Each is one encrypted JSON file
 * (`sessions/<id>/session.enc`) written atomically (tmp + fsync + rename). Deleting is refused
 * before the retention end and under legal hold (docs/domain.md §9, §11).
 */
export class CallSessionStore {
  private readonly locks = new Map<string, Promise<unknown>>();
  private fetching: (sessionId: string) => CallSession | null = () => null;
  private readonly now: () => number;

  constructor(private readonly o: CallSessionStoreOptions) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Opens a new session before dialling. The agent is whoever is signed in behind `caller` (the
   * main process knows; the renderer's `agentId` is only used when nobody is), so an agent can
   * later find their own sessions by staff number.
   */
  async open(req: OpenSessionRequest, caller?: CallerContext): Promise<{ sessionId: string }> {
    const id = `s${this.now().toString(36)}${randomBytes(9).toString('base64url')}`;
    const createdAt = this.now();
    const signedIn = caller && this.o.policy.identify ? await this.o.policy.identify(caller) : null;
    const session: CallSession = {
      id,
      caseId: req.caseId,
      agentId: signedIn?.userId ?? req.agentId,
      scriptId: req.scriptId,
      scriptVersion: req.scriptVersion,
      sipCallId: null,
      createdAt,
      startedAt: null,
      answeredAt: null,
      endedAt: null,
      markers: [],
      answers: {},
      ...(req.scriptValues ? { scriptValues: { ...req.scriptValues } } : {}),
      ...(isTrainingPolicy(req.caseId) ? { training: true as const } : {}),
      outcome: null,
      outcomeNote: null,
      state: 'open',
      recording: { state: 'none', recovered: false, manifest: null, gaps: [] },
      retention: {
        until: isTrainingPolicy(req.caseId) ? createdAt : retentionUntil(createdAt, req.contractEndDate, this.o.retention ?? DEFAULT_RETENTION),
        contractEndDate: req.contractEndDate,
        legalHold: false,
        legalHoldReason: null,
      },
    };
    await this.o.fs.mkdirp(sessionPaths(this.o.dataDir, id).dir);
    await this.write(session);
    return { sessionId: id };
  }

  /** Records the SIP call id and times. */
  async setCallInfo(req: RequestOf<'session:setCallInfo'>): Promise<void> {
    await this.update(req.sessionId, (s) => {
      if (req.sipCallId !== undefined) s.sipCallId = req.sipCallId;
      if (req.startedAt !== undefined) s.startedAt = req.startedAt;
      if (req.answeredAt !== undefined) s.answeredAt = req.answeredAt;
      if (req.endedAt !== undefined) s.endedAt = req.endedAt;
    });
  }

  /**
   * Gives the case the agent found to a session opened for a caller who matched none: the script
   * runs on the same recorded call, and the retention follows that case's contract from now on.
   */
  async attachCase(req: Pick<OpenSessionRequest, 'contractEndDate' | 'scriptValues'> & { sessionId: string; caseId: string }): Promise<void> {
    await this.update(req.sessionId, (s) => {
      if (s.state === 'closed') throw new DomainError('通话记录已关闭。');
      // The same case again is a retry (answered before the reply was lost): nothing changes.
      if (s.caseId === req.caseId) return;
      if (s.caseId !== null) throw new DomainError(`通话记录已属于案件 ${s.caseId}，不能再改。`);
      s.caseId = req.caseId;
      if (req.scriptValues) s.scriptValues = { ...req.scriptValues };
      s.retention.contractEndDate = req.contractEndDate;
      s.retention.until = retentionUntil(s.createdAt, req.contractEndDate, this.o.retention ?? DEFAULT_RETENTION);
    });
  }

  /** Adds a script-question marker. */
  async marker(sessionId: string, marker: CallSession['markers'][number]): Promise<void> {
    await this.update(sessionId, (s) => {
      if (s.state === 'closed') throw new DomainError('通话记录已关闭，不能再添加标记。');
      s.markers.push(marker);
    });
  }

  /** Closes a session with answers and outcome; attaches the recording's manifest and gaps. */
  async close(req: {
    sessionId: string;
    answers: Record<string, string>;
    outcome: string | null;
    outcomeNote: string | null;
    kinds?: readonly string[];
    endedAt?: number;
  }): Promise<CallSession> {
    const info = await this.o.recordingInfo(req.sessionId);
    return this.update(req.sessionId, (s) => {
      if (s.state === 'closed') throw new DomainError('通话记录已关闭。');
      s.answers = { ...s.answers, ...req.answers };
      s.outcome = req.outcome;
      s.outcomeNote = req.outcomeNote;
      if (req.kinds && req.kinds.length > 0) s.kinds = [...req.kinds];
      s.endedAt = req.endedAt ?? s.endedAt ?? this.now();
      s.state = 'closed';
      if (info.state !== 'none') s.recording = { ...info };
    });
  }

  /** Marks a session whose recording was finalised by crash recovery. */
  markRecovered(manifest: RecordingManifest): Promise<CallSession> {
    return this.update(manifest.sessionId, (s) => {
      s.recording = { state: 'finalised', recovered: true, manifest, gaps: manifest.gaps };
      s.endedAt ??= manifest.gaps.at(-1)?.startedAt ?? manifest.finalisedAt;
    });
  }

  /**
   * One session for an IPC caller: supervisors/QA/admin see any, an agent only their own. Every
   * attempt is written to the access log (a session reveals a person's answers).
   */
  async view(sessionId: string, caller: CallerContext): Promise<CallSession> {
    const session = await this.get(sessionId);
    await this.authorize('view', sessionId, caller, null, null, session.agentId);
    return session;
  }

  /**
   * Sessions an IPC caller may see, newest first: all of them for supervisors/QA/admin, their own
   * for an agent; refused when nobody is signed in. Logged once per call.
   */
  async listFor(req: { caseId?: string; limit: number }, caller: CallerContext): Promise<ResponseOf<'session:list'>> {
    const gate = await this.o.policy.authorize({ action: 'list', sessionId: '*', caller });
    const visible: ResponseOf<'session:list'> = [];
    if (gate.allowed) {
      for (const s of await this.list({ caseId: req.caseId, limit: Number.MAX_SAFE_INTEGER })) {
        if (visible.length >= req.limit) break;
        if ((await this.o.policy.authorize({ action: 'list', sessionId: s.id, caller, owner: s.agentId })).allowed) visible.push(s);
      }
    }
    const detail = gate.allowed ? `${visible.length} sessions${req.caseId ? ` of ${req.caseId}` : ''}` : gate.reason;
    await this.o.accessLog.append(accessEntry(this.now(), 'list', '*', caller, gate, detail));
    if (!gate.allowed) throw new DomainError(gate.reason);
    return visible;
  }

  /**
   * Where the record of a session QA is fetching from the centre comes from until the fetch stores
   * it here (archive-fetcher.ts): the player shows it while the recording already plays.
   */
  setFetching(lookup: (sessionId: string) => CallSession | null): void {
    this.fetching = lookup;
  }

  /** One session, with the live recording state when the recording is still running (no access check: internal). */
  async get(sessionId: string): Promise<CallSession> {
    const fetched = this.fetching(sessionId);
    if (fetched && !(await this.o.fs.exists(sessionPaths(this.o.dataDir, sessionId).session))) return fetched;
    const session = await this.read(sessionId);
    const info = await this.o.recordingInfo(sessionId);
    if (info.state !== 'none') session.recording = withLive(session, info);
    return session;
  }

  /** Sessions, newest first (no access check: internal), with their recordings' current state. Decrypts each record: fine for a workstation's volume. */
  async list(req: { caseId?: string; limit: number }): Promise<ResponseOf<'session:list'>> {
    const out: CallSession[] = [];
    for (const id of await this.o.fs.listDirs(sessionsRoot(this.o.dataDir))) {
      let s: CallSession;
      try {
        s = await this.read(id);
      } catch {
        continue; // a recording-only directory or an unreadable record is not a listable session
      }
      if (req.caseId !== undefined && s.caseId !== req.caseId) continue;
      // The recording's own state, like `get`: a session closed while its recording was still being
      // finalised must not stay listed as 录音中 once the recording is complete.
      const info = await this.o.recordingInfo(id);
      if (info.state !== 'none') s.recording = withLive(s, info);
      out.push(s);
    }
    out.sort((a, b) => b.createdAt - a.createdAt);
    return out.slice(0, req.limit).map(sessionSummary);
  }

  /** Deletes a session and its recording: authorised users only, after retention, not on hold. */
  async delete(sessionId: string, caller: CallerContext): Promise<void> {
    const session = await this.read(sessionId);
    const refusal = retentionRefusal(session, this.now());
    await this.authorize('delete', sessionId, caller, refusal);
    await this.o.fs.remove(sessionPaths(this.o.dataDir, sessionId).dir);
  }

  /** Notes the local audio deleted after archiving (`at`) or fetched back (null); internal, no access check. */
  async setAudioDeleted(sessionId: string, at: number | null): Promise<void> {
    await this.update(sessionId, (s) => {
      if (at === null) delete s.recording.audioDeletedAt;
      else s.recording.audioDeletedAt = at;
    });
  }

  /** Places or lifts a legal hold. */
  async setLegalHold(sessionId: string, hold: boolean, reason: string | null, caller: CallerContext): Promise<CallSession['retention']> {
    await this.authorize('legalHold', sessionId, caller, null, `${hold ? 'hold' : 'release'}: ${reason ?? ''}`);
    const s = await this.update(sessionId, (x) => {
      x.retention.legalHold = hold;
      x.retention.legalHoldReason = hold ? reason : null;
    });
    return s.retention;
  }

  private async authorize(
    action: RecordingAction,
    sessionId: string,
    caller: CallerContext,
    refusal: string | null,
    detail: string | null = null,
    owner?: string | null,
  ) {
    const decision = await this.o.policy.authorize({ action, sessionId, caller, ...(owner !== undefined ? { owner } : {}) });
    const shown = decision.allowed && refusal === null ? decision : { ...decision, allowed: false };
    const why = !decision.allowed ? decision.reason : (refusal ?? detail);
    await this.o.accessLog.append(accessEntry(this.now(), action, sessionId, caller, shown, why));
    if (!decision.allowed) throw new DomainError(decision.reason);
    if (refusal !== null) throw new DomainError(refusal);
  }

  private async read(sessionId: string): Promise<CallSession> {
    const file = sessionPaths(this.o.dataDir, sessionId).session;
    if (!(await this.o.fs.exists(file))) throw new DomainError(`找不到通话记录 ${sessionId}。`);
    return callSessionSchema.parse(JSON.parse(openSession(this.o.key, sessionId, await this.o.fs.readFile(file))));
  }

  private write(session: CallSession): Promise<void> {
    return this.o.fs.writeAtomic(sessionPaths(this.o.dataDir, session.id).session, sealSession(this.o.key, session.id, JSON.stringify(session)));
  }

  /** Read-modify-write under a per-session lock, so concurrent markers are not lost. */
  private update(sessionId: string, change: (s: CallSession) => void): Promise<CallSession> {
    const run = async () => {
      const s = await this.read(sessionId);
      change(s);
      await this.write(s);
      return s;
    };
    const prev = this.locks.get(sessionId) ?? Promise.resolve();
    const next = prev.then(run, run);
    this.locks.set(
      sessionId,
      next.catch(() => undefined),
    );
    return next;
  }
}
