import type { CacheCipher } from './cache-cipher';
import type {
  AttemptRecord,
  CallbackRecord,
  CallSessionRecord,
  OutboxEntry,
  OutboxItem,
  PendingClose,
  PhoneCorrection,
  StoredAttempt,
  StoredCallback,
  StoredCallSession,
  StoredOutboxEntry,
  StoredPendingClose,
  StoredPhoneCorrection,
} from './records';

/**
 * Row codecs: each table's personal fields sealed into one value (additional data = table name +
 * primary key) and opened back. Pure WebCrypto work: call before a Dexie transaction (seal) or
 * after a read (open), never inside one.
 */
export const sealedRows = {
  async sealAttempt(c: CacheCipher, a: AttemptRecord): Promise<StoredAttempt> {
    const { phone, note, progress, ...clear } = a;
    return {
      ...clear,
      sealed: await c.seal('attempts', a.id, { phone, ...(note === undefined ? {} : { note }), ...(progress === undefined ? {} : { progress }) }),
    };
  },
  async openAttempt(c: CacheCipher, s: StoredAttempt): Promise<AttemptRecord> {
    const { sealed, ...clear } = s;
    return { ...clear, ...(await c.open('attempts', s.id, sealed)) };
  },

  async sealSession(c: CacheCipher, r: CallSessionRecord): Promise<StoredCallSession> {
    const { answers, ...clear } = r;
    return { ...clear, sealed: await c.seal('sessions', r.id, { answers }) };
  },
  async openSession(c: CacheCipher, s: StoredCallSession): Promise<CallSessionRecord> {
    const { sealed, ...clear } = s;
    return { ...clear, ...(await c.open('sessions', s.id, sealed)) };
  },

  async sealCallback(c: CacheCipher, r: CallbackRecord): Promise<StoredCallback> {
    const { note, overrideReason, ...clear } = r;
    return { ...clear, sealed: await c.seal('callbacks', r.id, { note, overrideReason }) };
  },
  async openCallback(c: CacheCipher, s: StoredCallback): Promise<CallbackRecord> {
    const { sealed, ...clear } = s;
    return { ...clear, ...(await c.open('callbacks', s.id, sealed)) };
  },

  async sealOutbox(c: CacheCipher, e: OutboxEntry): Promise<StoredOutboxEntry> {
    return { ...e, kind: e.item.kind, policyNo: 'policyNo' in e.item ? e.item.policyNo : null, item: await c.seal<OutboxItem>('outbox', e.id, e.item) };
  },
  async openOutbox(c: CacheCipher, s: StoredOutboxEntry): Promise<OutboxEntry> {
    const { kind: _kind, policyNo: _policyNo, item, ...clear } = s;
    return { ...clear, item: await c.open('outbox', s.id, item) };
  },

  async sealCorrection(c: CacheCipher, r: PhoneCorrection): Promise<StoredPhoneCorrection> {
    const { original, corrected, reason, ...clear } = r;
    return { ...clear, sealed: await c.seal('phoneCorrections', r.id, { original, corrected, reason }) };
  },
  async openCorrection(c: CacheCipher, s: StoredPhoneCorrection): Promise<PhoneCorrection> {
    const { sealed, ...clear } = s;
    return { ...clear, ...(await c.open('phoneCorrections', s.id, sealed)) };
  },

  async sealClose(c: CacheCipher, p: PendingClose): Promise<StoredPendingClose> {
    return { ...p, request: await c.seal('pendingCloses', p.sessionId, p.request) };
  },
  async openClose(c: CacheCipher, s: StoredPendingClose): Promise<PendingClose> {
    return { ...s, request: await c.open('pendingCloses', s.sessionId, s.request) };
  },
};
