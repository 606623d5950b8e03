import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './blob-store';

/** The centre's archive keys, kept in its data directory (files mode 0600). */
export interface ArchiveKeys {
  /** SPKI PEM of the RSA key desks wrap their recording key for (RSA-OAEP, SHA-256). */
  readonly publicKeyPem: string;
  /** PKCS#8 PEM of the private half: only the centre (and later QA's opening) unwraps with it. */
  readonly privateKeyPem: string;
  /** AES-256-GCM key sealing the session records (personal data) the centre stores. */
  readonly sessionKey: Buffer;
}

const PUBLIC = 'archive-public.pem';
const PRIVATE = 'archive-private.pem';
const SESSION = 'archive-session.key';

/** Loads the keys from `dir`, generating them on first start. */
export async function loadArchiveKeys(dir: string): Promise<ArchiveKeys> {
  const existing = await readKeys(dir);
  if (existing) return existing;
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 3072,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const sessionKey = randomBytes(32);
  // Private parts first: a public key on disk must always have its private half.
  await writeFileAtomic(join(dir, PRIVATE), dir, pair.privateKey, 0o600);
  await writeFileAtomic(join(dir, SESSION), dir, sessionKey.toString('hex'), 0o600);
  await writeFileAtomic(join(dir, PUBLIC), dir, pair.publicKey, 0o644);
  return { publicKeyPem: pair.publicKey, privateKeyPem: pair.privateKey, sessionKey };
}

/** Loads existing keys, or null when there are none (a check must not generate keys that open nothing). */
export async function readKeys(dir: string): Promise<ArchiveKeys | null> {
  try {
    const [publicKeyPem, privateKeyPem, hex] = await Promise.all([
      readFile(join(dir, PUBLIC), 'utf8'),
      readFile(join(dir, PRIVATE), 'utf8'),
      readFile(join(dir, SESSION), 'utf8'),
    ]);
    if (!/^[0-9a-f]{64}$/.test(hex.trim())) throw new Error(`archive session key file corrupt: ${join(dir, SESSION)}`);
    return { publicKeyPem, privateKeyPem, sessionKey: Buffer.from(hex.trim(), 'hex') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Seals text with AES-256-GCM: base64 of iv(12) ‖ tag(16) ‖ ciphertext. */
export function sealText(key: Buffer, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens what `sealText` sealed; throws when it was altered. */
export function openText(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
