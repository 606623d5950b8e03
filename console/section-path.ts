/** The console is served under /console/; the segment after it names the open screen. */
const BASE = '/console/';

export function currentSectionKey(): string {
  const path = window.location.pathname;
  return path.startsWith(BASE) ? (path.slice(BASE.length).split('/')[0] ?? '') : '';
}

/** Puts the screen in the address bar so a reload or a shared link opens it again. */
export function showSection(key: string): void {
  if (currentSectionKey() !== key) window.history.pushState(null, '', `${BASE}${key}`);
}
