import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CENTRE_BUNDLE } from '../../center/support/centre-bundle';
import { startListeningProcess, type ListeningProcess } from './listening-process';

/** A centre over PostgreSQL: the database, the schema (several centre processes may share it), whether to seed the demo. */
export interface PgCentre {
  readonly url: string;
  readonly schema: string;
  readonly demo: boolean;
  /** Log prefix (default `centre`). */
  readonly name?: string;
}

/**
 * A real case centre (`serve`, bundled as `npm run center` runs it) shared by several desks: on a fresh SQLite file with the
 * demo dataset, or over `pg` (a PostgreSQL schema, seeded when `pg.demo`).
 */
export async function startCenterProcess(pg?: PgCentre): Promise<ListeningProcess & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-e2e-center-'));
  const demo = pg === undefined || pg.demo ? ['--demo'] : [];
  const env: Record<string, string> = pg ? { HUIFANG_CENTER_DB_URL: pg.url, HUIFANG_CENTER_DB_SCHEMA: pg.schema } : {};
  const p = await startListeningProcess(pg?.name ?? 'centre', CENTRE_BUNDLE, ['serve', '--data', dataDir, ...demo, '--port', '0'], env);
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
