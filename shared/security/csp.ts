/**
 * Builds the renderer's Content-Security-Policy. Both hosts send the same policy; only the
 * extra `connect-src` origins differ (the SIP proxy's WebSocket, the web host's IPC socket).
 */
export function buildCsp(extraConnectSrc: readonly string[] = []): string {
  const connect = ["'self'", ...extraConnectSrc.filter(isSafeOrigin)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Only ws/wss/http/https origins without wildcards, quotes or separators may enter the policy. */
export function isSafeOrigin(origin: string): boolean {
  return /^(wss?|https?):\/\/[A-Za-z0-9.\-[\]:]+$/.test(origin);
}
