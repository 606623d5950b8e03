import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('HFSESv1\0', 'latin1');

function aad(sessionId: string): Buffer {
  return Buffer.from(`huifang-session/v1/${sessionId}`, 'utf8');
}

/**
 * Encrypts a session record (personal data: case id, answers) with AES-256-GCM, bound to its
 * session id so one session's file cannot be passed off as another's. magic | nonce | tag | body.
 */
export function sealSession(key: Buffer, sessionId: string, json: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(sessionId));
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
}

/** Decrypts a session record; throws when it was altered or belongs to another session. */
export function openSession(key: Buffer, sessionId: string, sealed: Buffer): string {
  if (sealed.length < MAGIC.length + 28 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('不是通话记录文件 (not a session record)');
  }
  const p = MAGIC.length;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(p, p + 12));
  decipher.setAAD(aad(sessionId));
  decipher.setAuthTag(sealed.subarray(p + 12, p + 28));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(p + 28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`通话记录 ${sessionId} 校验失败，可能被篡改 (session record failed authentication)`);
  }
}
