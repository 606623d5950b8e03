import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { keepArtefactsOnFailure } from './artefacts';
import { startCenterProcess } from './center-process';
import type { AgentUser } from './call-rig';
import { AGENT_SPEECH, CUSTOMER_SPEECH, makeSpeechWav } from './customer-ua';
import { SIP_ACCOUNTS, startKamailio, type RunningKamailio } from './kamailio';
import { startSipPeer, type SipPeer, type SipPeerOptions } from './sip-peer';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';
import { openWorkstation } from './workstation-page';

/** A desk and non-browser peers on one Kamailio (see `startSipPeerRig`). */
export interface SipPeerRig {
  readonly dir: string;
  /** The agent's microphone (one espeak phrase) and what the peers say (another one). */
  readonly agentWav: string;
  readonly peerWav: string;
  readonly agentAccount: { user: string; password: string };
  readonly kamailio: RunningKamailio;
  readonly host: WebHostProcess;
  /** The case centre's URL when the rig was started with `center` (otherwise the host's embedded one, not reachable from tests). */
  readonly centerUrl: string | null;
  readonly browser: Browser;
  readonly page: Page;
  readonly log: string[];
  /**
   * A baresip registered as test customer `user` (kamailio.cfg: 2001–2009), speaking `peerWav`
   * unless told otherwise; stopped by `stop()` or `stopPeer()`.
   */
  startPeer(user: number, options?: Partial<Pick<SipPeerOptions, 'wav' | 'codecs' | 'answer'>>): Promise<SipPeer>;
  stopPeer(peer: SipPeer): Promise<void>;
  /** Call first in a test: on failure keeps screenshots and every log (desk, host, peers, Kamailio's tail). */
  artefacts(name: string): void;
  stop(): Promise<void>;
}

/**
 * Kamailio on loopback, the real web host registered as agent `agent`, and the workstation in a
 * Chromium without loopback ICE candidates (a non-browser peer needs real-interface candidates,
 * harness/sip-peer.ts). Peers are started per test with `startPeer`.
 */
export async function startSipPeerRig(options: { name: string; agent: AgentUser; iceGatheringMs?: number; center?: boolean }): Promise<SipPeerRig> {
  const dir = mkdtempSync(path.join(tmpdir(), `huifang-${options.name}-e2e-`));
  const agentAccount = SIP_ACCOUNTS.agent(options.agent);
  const agentWav = makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent');
  // baresip's file source does not loop: long enough for any call of the suite.
  const peerWav = makeSpeechWav(dir, CUSTOMER_SPEECH, 90, 'peer');
  const log: string[] = [];
  const peers: SipPeer[] = [];
  const peerLogs: string[][] = [];
  const s: { kamailio?: RunningKamailio; center?: Awaited<ReturnType<typeof startCenterProcess>>; host?: WebHostProcess; browser?: Browser; page?: Page } = {};

  const stop = async () => {
    const steps = [() => s.browser?.close(), ...peers.map((p) => () => p.stop()), () => s.host?.stop(), () => s.center?.stop(), () => s.kamailio?.stop()];
    const errors: unknown[] = [];
    for (const step of steps) await Promise.resolve(step()).catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  };

  try {
    s.kamailio = await startKamailio();
    if (options.center) s.center = await startCenterProcess();
    s.host = await startWebHostProcess({
      env: {
        ...(s.center ? { HUIFANG_CENTER_URL: s.center.url } : {}),
        HUIFANG_SIP_WS: s.kamailio.wsUrl,
        HUIFANG_SIP_URI: `sip:${agentAccount.user}@127.0.0.1`,
        HUIFANG_SIP_PASSWORD: agentAccount.password,
        HUIFANG_SIP_ICE_GATHERING_MS: String(options.iceGatheringMs ?? 200),
      },
    });
    ({ browser: s.browser, page: s.page } = await openWorkstation(s.host.url, log, agentWav, { loopbackIce: false }));
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  const { kamailio, host, browser, page } = s as Required<typeof s>;

  return {
    dir,
    agentWav,
    peerWav,
    agentAccount,
    kamailio,
    host,
    centerUrl: s.center?.url ?? null,
    browser,
    page,
    log,
    async startPeer(user, o = {}) {
      const peer = await startSipPeer({ proxyPort: kamailio.port, ...SIP_ACCOUNTS.customer(user), wav: peerWav, ...o });
      peers.push(peer);
      peerLogs.push(peer.log);
      return peer;
    },
    async stopPeer(peer) {
      await peer.stop();
      peers.splice(peers.indexOf(peer), 1);
    },
    artefacts(name) {
      keepArtefactsOnFailure(
        name,
        () => [page],
        () => [...log, ...host.log, ...(s.center?.log ?? []), ...peerLogs.flat(), ...kamailio.log.slice(-300)],
      );
    },
    stop,
  };
}
