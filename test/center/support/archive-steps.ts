import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { closedSession, manifestFor, sha256 } from './archive-fixtures';
import { get, post } from './in-process-center';

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

/**
 * Archives one closed session of agent 1001 on `policy` through the desk's real upload steps
 * (begin, the recording in one chunk, complete) against the centre at `url`; answers its id.
 * `deskHold`: the session was under legal hold at the desk.
 */
export async function archive(url: string, token: string, id: string, policy: string, container: Buffer | null, deskHold = false): Promise<string> {
  const base = `${url}/api/archive/sessions/${id}`;
  const manifest = container ? manifestFor(id, container) : null;
  const s = closedSession(id, '1001', manifest);
  const session: CallSession = { ...s, caseId: policy, retention: { ...s.retention, legalHold: deskHold, legalHoldReason: deskHold ? '诉讼' : null } };
  const pem = (await get(`${url}/api/archive/key`, token)).json.value.publicKeyPem;
  const wrappedKey = publicEncrypt({ key: pem, ...OAEP }, randomBytes(32)).toString('base64');
  const recording = container ? { size: container.length, sha256: sha256(container) } : null;
  const begun = await post(base, { session, manifest, recording, wrappedKey }, token);
  if (begun.status !== 200) throw new Error(`begin ${id}: ${JSON.stringify(begun.json)}`);
  if (container) {
    const r = await fetch(`${base}/recording?offset=0`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body: new Uint8Array(container),
    });
    if (r.status !== 200) throw new Error(`recording ${id}: ${r.status}`);
  }
  const done = await post(`${base}/complete`, {}, token);
  if (done.json.value?.state !== 'archived') throw new Error(`complete ${id}: ${JSON.stringify(done.json)}`);
  return id;
}
