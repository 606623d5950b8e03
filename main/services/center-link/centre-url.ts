/** A centre address that passed the shape checks, or why it did not. */
export type CentreUrlShape = { ok: true; url: string } | { ok: false; problem: 'not_a_url' | 'plain_http_remote'; detail: string };

/**
 * The shape rules of a centre address, before any network: an absolute `http:` or `https:` URL
 * without credentials, normalised to its origin (the client builds `/api/…` on the origin, so a path
 * would be dropped anyway). Plain `http:` only to this machine: tokens and personal data travel in
 * it, and the centre itself never serves plain HTTP beyond loopback (center/README.md "Listening
 * and TLS").
 */
export function centreUrlShape(raw: string): CentreUrlShape {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'not_a_url', detail: text.slice(0, 200) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'not_a_url', detail: url.protocol };
  if (url.username || url.password) return { ok: false, problem: 'not_a_url', detail: 'credentials in the address' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'plain_http_remote', detail: url.host };
  return { ok: true, url: url.origin };
}

/** `localhost`, 127.0.0.0/8 and ::1 (as `URL.hostname` spells them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
