import type { Classification } from '../../../shared/domain/outcome/classify';
import type { AttemptOutcome as DomainAttempt } from '../../../shared/domain/outcome/attempt-outcome';
import type { AuthorisedProxy } from '../../../shared/domain/script/authorised-proxy';
import type { CarriedProgress } from '../../../shared/domain/script/carried-progress';
import type { HuifangDb } from '../../data/huifang-db';
import { newId } from '../../data/new-id';
import { enqueueOutbox, prepareOutbox } from '../../data/outbox-writer';
import { toQueueRow } from '../../data/queue-rank';
import type { AttemptRecord, CallbackRecord, CallSessionRecord, StoredCase, StoredOutboxEntry } from '../../data/records';
import { sealedRows } from '../../data/sealed-rows';
import { windowCipher } from '../../data/window-cipher';
import { SYNC_ATTEMPT } from './attempt-mapping';

/** A callback the agent booked at the end of a call. */
export interface CallbackDraft {
  readonly dueAt: string;
  /** null: anyone in the team may take it. */
  readonly owner: string | null;
  readonly note: string;
  readonly overrideReason: string | null;
}

/** The agent changed the computed classification: what to, and why (kept with the result). */
export interface OutcomeOverride {
  readonly category: Classification['category'];
  readonly kinds: readonly string[];
  readonly reason: string;
}

/** Everything one visit writes. */
export interface VisitRecord {
  readonly policyNo: string;
  readonly agent: string;
  readonly phone: string | null;
  readonly callId: string | null;
  readonly recordingSessionId: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  /** `completed` for a reached visit; otherwise the domain attempt outcome. */
  readonly attempt: DomainAttempt | 'completed';
  readonly answers: Readonly<Record<string, string>>;
  /** Present when the visit produced a final result. */
  readonly result: { readonly classification: Classification; readonly override: OutcomeOverride | null } | null;
  readonly callback: CallbackDraft | null;
  readonly notes: string;
  /** The authorised family member who answered for the policyholder (kept with the result). */
  readonly proxy?: AuthorisedProxy | null;
  readonly durationSec?: number;
  readonly sipCode?: number;
  /** Answers left for the next call (null: none; absent: this attempt changes nothing about them). */
  readonly progress?: CarriedProgress | null;
}

/** The carried answers as the centre keeps them (see `carriedAnswersSchema`). */
function carriedAnswers(p: CarriedProgress): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [stepId, r] of Object.entries(p.records)) {
    out[stepId] = r.kind === 'acknowledged' ? 'read' : r.kind === 'skipped' ? 'skipped' : r.explained ? `${r.first}->${r.final ?? 'pending'}` : r.first;
  }
  return out;
}

/** Ids of what was written (for tests and the session close). */
export interface VisitWritten {
  readonly attemptId: string;
  readonly resultId: string | null;
  readonly sessionRecordId: string;
}

/** Final category and kinds after an override. */
export function finalOutcome(r: NonNullable<VisitRecord['result']>): { category: string; kinds: string[] } {
  return r.override
    ? { category: r.override.category, kinds: [...r.override.kinds] }
    : { category: r.classification.category, kinds: r.classification.kinds.map((k) => k.code) };
}

type ResultClass = 'standard' | 'substandard' | 'problem' | 'verification';

/** The override as the centre keeps it: what the domain core computed and why the agent differed. */
function overrideItem(r: NonNullable<VisitRecord['result']>) {
  return {
    computedClassification: r.classification.category as ResultClass,
    computedKinds: r.classification.kinds.map((k) => k.code).slice(0, 20),
    reason: (r.override?.reason ?? '').trim().slice(0, 500),
  };
}

/**
 * Writes one visit atomically, in a single Dexie transaction: the attempt and its outbox item,
 * the call-session metadata, the booked callback and its outbox item, and — for a final result — the result's outbox
 * item and the case leaving the queue. Either all of it is in the cache or none of it.
 * Every row is built and sealed first (WebCrypto cannot run inside the transaction).
 */
export async function writeVisit(db: HuifangDb, v: VisitRecord, now = new Date()): Promise<VisitWritten> {
  const attemptId = newId();
  const resultId = v.result ? newId() : null;
  const sessionRecordId = v.recordingSessionId ?? newId();
  const cipher = await windowCipher();
  const syncOutcome = v.attempt === 'completed' ? 'connected' : v.callback ? 'callback_booked' : SYNC_ATTEMPT[v.attempt];
  const attempt: AttemptRecord = {
    id: attemptId,
    policyNo: v.policyNo,
    occurredAt: v.startedAt,
    outcome: syncOutcome,
    detail: v.attempt,
    phone: v.phone,
    agent: v.agent,
    ...(v.callId ? { callId: v.callId } : {}),
    ...(v.durationSec !== undefined ? { durationSec: v.durationSec } : {}),
    ...(v.sipCode !== undefined ? { sipCode: v.sipCode } : {}),
    ...(v.notes ? { note: v.notes } : {}),
    ...(v.progress !== undefined ? { progress: v.progress } : {}),
  };
  const entries: StoredOutboxEntry[] = [
    await prepareOutbox(
      {
        id: attemptId,
        kind: 'attempt',
        policyNo: v.policyNo,
        occurredAt: v.startedAt,
        data: {
          channel: 'phone',
          outcome: syncOutcome,
          ...(v.durationSec !== undefined ? { durationSec: v.durationSec } : {}),
          ...(v.recordingSessionId ? { recordingId: v.recordingSessionId } : {}),
          note: [`detail:${v.attempt}`, v.notes].filter(Boolean).join(' | ').slice(0, 2000),
          ...(v.progress !== undefined
            ? { carried: v.progress && { cutOffAt: new Date(v.progress.cutOffAt).toISOString(), answers: carriedAnswers(v.progress) } }
            : {}),
        },
      },
      v.agent,
      now,
    ),
  ];
  const final = v.result ? finalOutcome(v.result) : null;
  const session: CallSessionRecord = {
    id: sessionRecordId,
    policyNo: v.policyNo,
    agent: v.agent,
    startedAt: v.startedAt,
    endedAt: v.endedAt,
    callId: v.callId,
    recordingSessionId: v.recordingSessionId,
    answers: v.answers,
    classification: final?.category ?? null,
    kinds: final?.kinds ?? [],
  };
  const cb: CallbackRecord | null = v.callback
    ? {
        id: newId(),
        policyNo: v.policyNo,
        dueAt: v.callback.dueAt,
        owner: v.callback.owner,
        bookedBy: v.agent,
        bookedAt: now.toISOString(),
        note: v.callback.note,
        overrideReason: v.callback.overrideReason,
        state: 'pending',
      }
    : null;
  if (cb) {
    // The centre routes it to the assignee's workstation (or the case holder's, for anyone).
    entries.push(
      await prepareOutbox(
        {
          id: cb.id,
          kind: 'callback',
          policyNo: v.policyNo,
          occurredAt: cb.bookedAt,
          data: {
            dueAt: new Date(cb.dueAt).toISOString(),
            assignee: cb.owner,
            bookedBy: v.agent,
            note: cb.note.slice(0, 2000),
            ...(cb.overrideReason ? { overrideReason: cb.overrideReason.slice(0, 500) } : {}),
          },
        },
        v.agent,
        now,
      ),
    );
  }
  if (v.result && resultId && final) {
    entries.push(
      await prepareOutbox(
        {
          id: resultId,
          kind: 'result',
          policyNo: v.policyNo,
          occurredAt: v.endedAt,
          data: {
            classification: final.category as ResultClass,
            kinds: final.kinds.slice(0, 20),
            ...(v.notes ? { note: v.notes.slice(0, 4000) } : {}),
            answers: Object.fromEntries(Object.entries(v.answers).slice(0, 200)),
            ...(v.result.override ? { override: overrideItem(v.result) } : {}),
            ...(v.proxy ? { proxy: { relation: v.proxy.relation, name: v.proxy.name, reason: v.proxy.reason } } : {}),
          },
        },
        v.agent,
        now,
      ),
    );
  }
  const [storedAttempt, storedSession, storedCallback] = await Promise.all([
    sealedRows.sealAttempt(cipher, attempt),
    sealedRows.sealSession(cipher, session),
    cb ? sealedRows.sealCallback(cipher, cb) : null,
  ]);

  await db.transaction('rw', [db.cases, db.queue, db.attempts, db.sessions, db.callbacks, db.outbox], async () => {
    await db.attempts.add(storedAttempt);
    await db.sessions.put(storedSession);
    if (storedCallback) {
      // An earlier open callback of the case is superseded by the new booking.
      await db.callbacks
        .where('policyNo')
        .equals(v.policyNo)
        .filter((c) => c.state === 'pending' || c.state === 'notified')
        .modify({ state: 'done' });
      await db.callbacks.add(storedCallback);
    } else {
      await db.callbacks
        .where('policyNo')
        .equals(v.policyNo)
        .filter((c) => c.state === 'notified')
        .modify({ state: 'done' });
    }
    for (const e of entries) await enqueueOutbox(db, e);
    if (v.result && resultId && final) {
      await db.cases.update(v.policyNo, { localState: 'done' } as Partial<StoredCase>);
      await db.queue.delete(v.policyNo);
    } else {
      const c = await db.cases.get(v.policyNo);
      if (c) {
        const attempts = await db.attempts.where('policyNo').equals(v.policyNo).count();
        const open = await db.callbacks
          .where('policyNo')
          .equals(v.policyNo)
          .filter((x) => x.state === 'pending')
          .sortBy('dueAt');
        await db.queue.put(toQueueRow(c, c.summary, { callbackAt: open[0]?.dueAt ?? null, attempts, localState: 'open' }, now));
      }
    }
  });
  return { attemptId, resultId, sessionRecordId };
}
