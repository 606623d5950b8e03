import { constants, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { syncError, WORKSTATION_HEADER, type ArchiveOpen, type CenterResult, type SyncError } from '../../shared/sync';
import { callSessionSchema, recordingManifestSchema } from '../../shared/ipc/channels/recording';
import type { StoredUser } from '../store/users-repo';
import { openText, type ArchiveKeys } from './archive-keys';
import type { findArchivedSession } from './archived-sessions-repo';

type Found = NonNullable<Awaited<ReturnType<typeof findArchivedSession>>>;

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

/**
 * Who may open, download and play one archived session (docs/domain.md §9: listening is for
 * supervisor level and above; 个人信息保护法 第51条: role-based access): QA and administrators any,
 * a team lead their own team's. Agents list their own sessions; they listen only to their own calls
 * QA failed items on (the routes decide that: center/qa/own-replay.ts).
 */
export function mayListen(user: StoredUser, team: string): SyncError | undefined {
  if (user.role === 'qa' || user.role === 'admin') return undefined;
  if (user.role === 'team_lead') {
    return user.team === team
      ? undefined
      : syncError('wrong_team', { zh: `该通话属于 ${team} 组，不是您的组`, en: `this session belongs to team ${team}, not yours (${user.team})` });
  }
  return syncError('forbidden', { zh: '调听录音须组长、质检或管理员权限', en: 'listening to recordings needs a team lead, QA or admin role' });
}

/**
 * Hands an archived session to a QA desk: the record opened from the centre's seal, and the
 * recording's data key unwrapped with the archive private key and at once re-wrapped
 * (RSA-OAEP-256) for the one-time public key the desk sent. The key is in clear only in this
 * process's memory for the two calls; the desk's private half never leaves the desk.
 */
export function openForDesk(keys: ArchiveKeys, found: Found, publicKeyPem: string): CenterResult<ArchiveOpen> {
  let desk;
  try {
    desk = createPublicKey(publicKeyPem);
  } catch {
    return { ok: false, error: syncError('invalid_request', { zh: '工作站公钥无法读取', en: 'publicKeyPem: not a readable public key (SPKI PEM)' }) };
  }
  const bits = desk.asymmetricKeyDetails?.modulusLength ?? 0;
  if (desk.asymmetricKeyType !== 'rsa' || bits < 2048 || bits > 4096) {
    return {
      ok: false,
      error: syncError('invalid_request', {
        zh: '工作站公钥须为 2048–4096 位 RSA',
        en: `publicKeyPem: an RSA key of 2048–4096 bits is required (got ${desk.asymmetricKeyType} ${bits})`,
      }),
    };
  }
  const dataKey = privateDecrypt({ key: keys.privateKeyPem, ...OAEP }, Buffer.from(found.wrappedKey, 'base64'));
  try {
    const wrappedKey = publicEncrypt({ key: desk, ...OAEP }, dataKey).toString('base64');
    const session = callSessionSchema.parse(JSON.parse(openText(keys.sessionKey, found.sessionSealed)));
    const manifest = found.manifest ? recordingManifestSchema.parse(JSON.parse(found.manifest)) : null;
    const r = found.row;
    const recording = found.blobKey && r.recordingSha256 && r.recordingBytes !== null ? { size: r.recordingBytes, sha256: r.recordingSha256 } : null;
    return { ok: true, value: { session, manifest, recording, wrappedKey } };
  } finally {
    dataKey.fill(0);
  }
}

/** The workstation a desk names in its request header (audited), or `unknown`. */
export function workstationOf(req: IncomingMessage): string {
  const v = req.headers[WORKSTATION_HEADER];
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^[\x20-\x7e]{1,100}$/.test(s) ? s : 'unknown';
}

/** A `Range: bytes=…` header against `size`: the inclusive span, null for the whole, or 'unsatisfiable'. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
