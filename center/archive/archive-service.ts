import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sampleKeys } from '../qa/sample-keys';
import type { Kysely } from 'kysely';
import { syncError, type ArchiveBegin, type ArchiveState, type CenterResult, type SyncError } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { StoredUser } from '../store/users-repo';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { loadArchiveKeys, openText, sealText, type ArchiveKeys } from './archive-keys';
import { FsBlobStore, type BlobStore } from './blob-store';
import { PendingUpload, type PendingMeta } from './pending-upload';
import { recomputeRetention } from './retention-repo';
import { keepsCheckFacts, noteSessionInTrx } from '../result-checks/result-checks';

type Answer = Promise<CenterResult<ArchiveState>>;

const refuse = (code: SyncError['code'], zh: string, en: string): { ok: false; error: SyncError } => ({
  ok: false,
  error: syncError(code, { zh, en }),
});

/** The container's part in a recording manifest (the encrypted file the desk uploads). */
const CONTAINER_PART = /\.enc$/;

/**
 * The centre's side of the evidence archive (README "Evidence archive"): begin → recording chunks
 * at the offset the centre holds → complete. Nothing is stored half: the partial recording waits in
 * the scratch area and the `archived_sessions` row is written only after its hash matched. Each
 * session's steps run one at a time (a per-id lock), so replays and racing retries stay ordered.
 */
export class ArchiveService {
  private readonly locks = new Map<string, Promise<unknown>>();

  private constructor(
    readonly keys: ArchiveKeys,
    readonly blobs: BlobStore,
  ) {}

  /** Opens the archive under `root`, generating the keys on first start; blobs under `root` unless given. */
  static async open(root: string, blobs: BlobStore = new FsBlobStore(root)): Promise<ArchiveService> {
    return new ArchiveService(await loadArchiveKeys(join(root, 'keys')), blobs);
  }

  begin(db: Kysely<CenterDatabase>, user: StoredUser, id: string, body: ArchiveBegin): Answer {
    return this.serial(id, async () => {
      const s = body.session;
      if (s.id !== id || (body.manifest && body.manifest.sessionId !== id)) {
        return refuse('invalid_request', '通话记录编号与地址不一致', `the session and manifest must both be ${id}`);
      }
      const own = ownSession(user, s.agentId);
      if (own) return own;
      if (s.state !== 'closed') return refuse('invalid_request', '通话记录尚未结束，不能归档', 'only a closed session is archived');
      if (body.recording && !body.manifest) {
        return refuse('invalid_request', '有录音却没有录音清单', 'a recording needs its manifest');
      }
      const done = await archivedRow(db, id);
      if (done) return done.agent_id === user.staffNo ? { ok: true, value: archived(done.recording_sha256) } : notYours();
      const pending = new PendingUpload(this.blobs.scratchDir, id);
      const before = await pending.meta();
      // Someone else's upload in progress under this id is theirs: never replaced by another agent.
      if (before && before.agentId !== user.staffNo) return notYours();
      if (before && sameRecording(before.recording, body.recording)) {
        return { ok: true, value: { state: 'receiving', received: await this.receivedOf(pending, before) } };
      }
      const meta: PendingMeta = {
        agentId: user.staffNo,
        team: user.team,
        sessionSealed: sealText(this.keys.sessionKey, JSON.stringify(s)),
        manifest: body.manifest ? JSON.stringify(body.manifest) : null,
        recording: body.recording,
        wrappedKey: body.wrappedKey,
      };
      const full = await this.storing(db, user, id, 'begin', () => pending.start(meta));
      if (full) return full;
      return { ok: true, value: { state: 'receiving', received: 0 } };
    });
  }

  /** `chunkSha256`: the chunk's SHA-256 (hex) as the desk sent it, checked before anything is kept. */
  append(db: Kysely<CenterDatabase>, user: StoredUser, id: string, offset: number, bytes: Buffer, chunkSha256: string | null = null): Answer {
    return this.serial(id, async () => {
      const pending = new PendingUpload(this.blobs.scratchDir, id);
      const meta = await pending.meta();
      const missing = await this.notPending(user, meta);
      if (missing) return missing;
      const actualSha = chunkSha256 === null ? null : createHash('sha256').update(bytes).digest('hex');
      if (actualSha !== chunkSha256) {
        return refuse(
          'checksum_mismatch',
          '录音分片在传输中损坏（校验值不符），未保存，请重发该分片',
          `the ${bytes.length} bytes at offset ${offset} hash to ${actualSha}, not the ${chunkSha256} sent with them: nothing kept, send the chunk again`,
        );
      }
      const declared = (meta as PendingMeta).recording;
      if (!declared) return refuse('invalid_request', '该通话记录没有声明录音', 'this session was begun without a recording');
      const received = await pending.received();
      if (offset + bytes.length > declared.size) {
        return refuse(
          'invalid_request',
          `录音超出声明的大小（${declared.size} 字节）`,
          `bytes ${offset}–${offset + bytes.length} run past the declared size of ${declared.size}`,
        );
      }
      if (offset === received) {
        let now = received;
        const full = await this.storing(db, user, id, 'append', async () => void (now = await pending.append(bytes)));
        return full ?? { ok: true, value: { state: 'receiving', received: now } };
      }
      if (offset < received && offset + bytes.length <= received && (await pending.holds(offset, bytes))) {
        return { ok: true, value: { state: 'receiving', received } };
      }
      return {
        ok: false,
        error: {
          ...syncError('conflict', {
            zh: `录音偏移不符：中心已收到 ${received} 字节，请从该处继续`,
            en: `offset ${offset} does not continue the ${received} bytes received: resume at ${received}`,
          }),
          received,
        } as SyncError,
      };
    });
  }

  complete(db: Kysely<CenterDatabase>, user: StoredUser, id: string): Answer {
    return this.serial(id, async () => {
      const done = await archivedRow(db, id);
      if (done) return done.agent_id === user.staffNo ? { ok: true, value: archived(done.recording_sha256) } : notYours();
      const pending = new PendingUpload(this.blobs.scratchDir, id);
      const meta = await pending.meta();
      const missing = await this.notPending(user, meta);
      if (missing) return missing;
      const m = meta as PendingMeta;
      let blobKey: string | null = null;
      if (m.recording) {
        const stored = await this.blobs.size(m.recording.sha256);
        if (stored === null) {
          const received = await pending.received();
          if (received !== m.recording.size) {
            return refuse('conflict', `录音尚未传完（${received}/${m.recording.size} 字节）`, `only ${received} of ${m.recording.size} bytes received`);
          }
          const actual = await pending.sha256();
          const part = m.manifest ? containerHash(m.manifest) : null;
          if (actual !== m.recording.sha256 || actual !== part) {
            await pending.dropPart();
            return refuse(
              'invalid_request',
              '录音校验值不符，已丢弃，请从头重新上传',
              `SHA-256 ${actual} matches neither the declared ${m.recording.sha256} and the manifest's ${part ?? '(none)'}: discarded, upload again from 0`,
            );
          }
          const full = await this.storing(db, user, id, 'adopt', () => this.blobs.adopt(pending.partFile, actual));
          if (full) return full;
        }
        blobKey = m.recording.sha256;
      }
      await writeRow(db, id, m, JSON.parse(openText(this.keys.sessionKey, m.sessionSealed)) as CallSession, blobKey, user.staffNo);
      await pending.discard();
      return { ok: true, value: archived(blobKey) };
    });
  }

  /** What the centre holds of a pending upload (the whole size once the blob was adopted). */
  private async receivedOf(pending: PendingUpload, meta: PendingMeta): Promise<number> {
    if (meta.recording && (await this.blobs.size(meta.recording.sha256)) !== null) return meta.recording.size;
    return pending.received();
  }

  /**
   * Runs a step that writes to the archive's disk. A full disk (or quota) is no bug of the request:
   * it answers 507 so the desk tries again later, and tells the administrator through the log and
   * the audit trail (which may live on another disk). Other failures propagate.
   */
  private async storing(db: Kysely<CenterDatabase>, user: StoredUser, id: string, step: 'begin' | 'append' | 'adopt', write: () => Promise<void>) {
    try {
      await write();
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code !== 'ENOSPC' && code !== 'EDQUOT') throw err;
      process.stderr.write(`centre: archive storage full (${code}) at ${step} of session ${id} from ${user.staffNo}; nothing of it was kept\n`);
      await audit(db, { actor: user.staffNo, action: 'archive.storage_full', target: id, detail: { step, code } }).catch(() => undefined);
      return refuse(
        'insufficient_storage',
        '中心归档存储空间不足，本次数据未保存，请稍后重试',
        `the archive's disk is full (${code}) at ${step}: nothing of it was kept; try again later`,
      );
    }
  }

  private async notPending(user: StoredUser, meta: PendingMeta | null) {
    if (!meta) return refuse('not_found', '没有进行中的归档，请先开始上传', 'no archive upload begun for this session');
    return meta.agentId === user.staffNo ? null : notYours();
  }

  private async serial<T>(id: string, step: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const run = prev.then(step, step);
    const tail = run.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => this.locks.get(id) === tail && this.locks.delete(id));
    return run;
  }
}

function ownSession(user: StoredUser, agentId: string | null) {
  return agentId !== null && agentId === user.staffNo && user.role !== 'admin' ? null : notYours();
}

function notYours() {
  return refuse('forbidden', '只能归档本人坐席的通话记录', "only the session's own agent may archive it");
}

function archived(sha256: string | null): ArchiveState {
  return { state: 'archived', sha256 };
}

function sameRecording(a: PendingMeta['recording'], b: PendingMeta['recording']): boolean {
  return a === null ? b === null : b !== null && a.size === b.size && a.sha256 === b.sha256;
}

/** The container part's SHA-256 in a stored manifest (also the integrity job's check, archive-integrity.ts). */
export function containerHash(manifestJson: string): string | null {
  const parts = (JSON.parse(manifestJson) as { parts: { name: string; sha256: string }[] }).parts;
  return parts.find((p) => CONTAINER_PART.test(p.name))?.sha256 ?? null;
}

async function archivedRow(db: Kysely<CenterDatabase>, id: string) {
  return db.selectFrom('archived_sessions').select(['agent_id', 'recording_sha256']).where('session_id', '=', id).executeTakeFirst();
}

async function writeRow(db: Kysely<CenterDatabase>, id: string, m: PendingMeta, session: CallSession, blobKey: string | null, actor: string): Promise<void> {
  // The listing's columns are copied out in clear once, here, so listings never open the sealed record.
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('archived_sessions')
      .values({
        session_id: id,
        agent_id: m.agentId,
        case_id: session.caseId,
        team: m.team,
        created_at: new Date(session.createdAt).toISOString(),
        ended_at: session.endedAt === null ? null : new Date(session.endedAt).toISOString(),
        outcome: session.outcome,
        kinds: JSON.stringify(session.kinds ?? []),
        recording_sha256: m.recording?.sha256 ?? null,
        recording_bytes: m.recording?.size ?? null,
        blob_key: blobKey,
        wrapped_key: m.wrappedKey,
        session_sealed: m.sessionSealed,
        manifest: m.manifest,
        archived_at: nowIso(),
        recording_state: session.recording.state === 'recording' ? 'failed' : session.recording.state,
        recovered: session.recording.recovered ? 1 : 0,
        gap_count: session.recording.gaps.length,
        legal_hold: session.retention.legalHold ? 1 : 0,
        // The desk's contract end until the centre's case data say otherwise (recomputed below).
        contract_end: session.retention.contractEndDate,
        retain_until: null,
        ...sampleKeys(id, new Date(session.createdAt).toISOString()),
        qa_scorable: keepsCheckFacts(session) ? 1 : 0,
        purged_at: null,
        purge_reason: null,
      })
      .execute();
    await recomputeRetention(trx, { sessionId: id });
    await audit(trx, {
      actor,
      action: 'archive.session_archived',
      target: id,
      detail: { recordingSha256: m.recording?.sha256 ?? null, bytes: m.recording?.size ?? 0 },
    });
    await noteSessionInTrx(trx, session, m.agentId); // README "Result checks"
  });
}
