import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { closedSession, manifestFor, sha256 } from './archive-fixtures';
import { get, post } from './in-process-center';

const MiB = 1024 * 1024;

/** Archives one closed session of `agent` through the real routes (begin, 1 MiB chunks, complete), as a desk does. */
export async function uploadSession(url: string, token: string, id: string, agent: string, container: Buffer | null): Promise<void> {
  const key = await get(`${url}/api/archive/key`, token);
  const wrappedKey = publicEncrypt(
    { key: key.json.value.publicKeyPem as string, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    randomBytes(32),
  ).toString('base64');
  const manifest = container ? manifestFor(id, container) : null;
  const base = `${url}/api/archive/sessions/${id}`;
  const recording = container ? { size: container.length, sha256: sha256(container) } : null;
  const begun = await post(base, { session: closedSession(id, agent, manifest), manifest, recording, wrappedKey }, token);
  if (begun.status !== 200) throw new Error(`begin ${id}: ${JSON.stringify(begun.json)}`);
  for (let at = 0; container && at < container.length; at += MiB) {
    const res = await fetch(`${base}/recording?offset=${at}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body: new Uint8Array(container.subarray(at, at + MiB)),
    });
    if (res.status !== 200) throw new Error(`chunk ${id}@${at}: ${res.status}`);
  }
  const done = await post(`${base}/complete`, {}, token);
  if (done.json.value?.state !== 'archived') throw new Error(`complete ${id}: ${JSON.stringify(done.json)}`);
}

/** Where the filesystem blob store keeps a recording. */
export const blobFile = (archiveDir: string, sha: string) => join(archiveDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
