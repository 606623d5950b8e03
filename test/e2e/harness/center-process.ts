import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startListeningProcess, type ListeningProcess } from './listening-process';

/** A real case centre (`center/cli.ts serve --demo`) on a fresh SQLite file, shared by several desks. */
export async function startCenterProcess(): Promise<ListeningProcess & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-e2e-center-'));
  const p = await startListeningProcess('centre', 'center/cli.ts', ['serve', '--data', dataDir, '--demo', '--port', '0']);
  return { ...p, dataDir };
}

/** Signs in at the centre's HTTP API and returns the access token. */
async function signInAt(url: string, staffNo: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffNo, password }),
  });
  if (!login.ok) throw new Error(`centre login ${staffNo} failed: ${login.status} ${await login.text()}`);
  return ((await login.json()) as { value: { accessToken: string } }).value.accessToken;
}

/** Signs in at the centre's HTTP API and returns a GET helper (answers the envelope's `value`). */
export async function centerApi(url: string, staffNo: string, password = 'demo1234'): Promise<(path: string) => Promise<unknown>> {
  const accessToken = await signInAt(url, staffNo, password);
  return async (p: string) => {
    const r = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!r.ok) throw new Error(`GET ${p}: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { value: unknown }).value;
  };
}

/** POSTs `body` as `staffNo` (signed in for this one request); answers the envelope's `value`. */
export async function centerPost(url: string, staffNo: string, p: string, body: unknown, password = 'demo1234'): Promise<unknown> {
  return centerSend(url, staffNo, 'POST', p, body, password);
}

/** Sends a request as `staffNo` (signed in for this one request); answers the envelope's `value`. */
export async function centerSend(
  url: string,
  staffNo: string,
  method: 'POST' | 'PUT' | 'DELETE',
  p: string,
  body?: unknown,
  password = 'demo1234',
): Promise<unknown> {
  const accessToken = await signInAt(url, staffNo, password);
  const r = await fetch(`${url}${p}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { value: unknown }).value;
}
