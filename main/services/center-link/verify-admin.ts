import { CenterClient } from '../center/center-client';
import { isRetryable } from '../center/client-error';
import type { AdminVerdict } from './centre-address-service';

/**
 * Asks the centre in force whether these are an administrator's credentials: a sign-in of its own
 * (audited by the centre like any other), signed out again at once. The desk's own session, if
 * any, is not touched.
 */
export async function verifyAdmin(centreUrl: string, staffNo: string, password: string, timeoutMs = 8000): Promise<AdminVerdict> {
  const client = new CenterClient({ baseUrl: centreUrl, timeoutMs });
  const login = await client.login(staffNo, password);
  if (!login.ok) return isRetryable(login.error) ? 'unreachable' : 'refused';
  await client.logout();
  return login.value.user.role === 'admin' ? 'admin' : 'not_admin';
}
