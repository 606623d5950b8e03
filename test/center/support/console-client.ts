import { CONSOLE_CSRF_HEADER, CONSOLE_SESSION_COOKIE } from '../../../shared/sync/branch-console';
import { hashPassword } from '../../../center/auth/password';
import { upsertUser } from '../../../center/store/users-repo';
import type { Store } from '../../../center/store/open-store';
import { CHEAP, PASSWORD } from './seed';
import type { Json } from './in-process-center';

/** A browser's view of the console: the session cookie it holds and the CSRF token it echoes. */
export interface ConsoleBrowser {
  readonly cookie: string;
  readonly csrf: string;
  /** The raw Set-Cookie header of the sign-in. */
  readonly setCookie: string;
}

/** Adds a branch user (分支机构回访负责人) of `branchCode`. */
export async function addBranchUser(store: Store, staffNo: string, branchCode: string, branchName = `机构${branchCode}`): Promise<void> {
  await upsertUser(store, {
    staffNo,
    name: `分支${staffNo}`,
    role: 'branch',
    team: 'A',
    languages: ['mandarin'],
    passwordHash: await hashPassword(PASSWORD, CHEAP),
    branchCode,
    branchName,
  });
}

export async function consoleSignIn(url: string, staffNo: string, password = PASSWORD): Promise<{ status: number; json: Json; browser?: ConsoleBrowser }> {
  const res = await fetch(`${url}/api/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffNo, password }),
  });
  const json = (await res.json()) as Json;
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = new RegExp(`${CONSOLE_SESSION_COOKIE}=([^;]+)`).exec(setCookie);
  if (res.status !== 200 || !m) return { status: res.status, json };
  return { status: res.status, json, browser: { cookie: `${CONSOLE_SESSION_COOKIE}=${m[1]}`, csrf: json.value.csrfToken as string, setCookie } };
}

/** A request as the console makes it: the cookie always, the CSRF header unless `csrf` says otherwise. */
export async function consoleCall(
  url: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  browser: ConsoleBrowser,
  body?: unknown,
  csrf: string | null = browser.csrf,
): Promise<{ status: number; json: Json; setCookie: string | null }> {
  const headers: Record<string, string> = { cookie: browser.cookie };
  if (csrf !== null) headers[CONSOLE_CSRF_HEADER] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Json, setCookie: res.headers.get('set-cookie') };
}
