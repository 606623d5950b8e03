import { huifang } from '../../ipc/huifang';

const RELOADED_AT = 'huifang.proxyReloadAt';

/**
 * Before anyone signs in: the host learns which SIP proxies the centre's accounts use. A page's
 * CSP is fixed when it loads, so when one of them is new to this desk the page loads once more
 * (nothing is lost: nobody is signed in yet) — otherwise the softphone of an agent whose account
 * comes from the centre could not connect. A second reload within a minute is not tried (a host
 * that keeps asking would loop). Resolves when sign-in may go ahead.
 */
export async function allowCentreProxies(reload: () => void = () => window.location.reload()): Promise<void> {
  const answer = await huifang()
    .softphone.checkProxies({})
    .catch(() => null);
  if (!answer?.ok || !answer.value.reload) return;
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  reload();
  // The page is going away: sign-in waits for the new one.
  await new Promise(() => undefined);
}
