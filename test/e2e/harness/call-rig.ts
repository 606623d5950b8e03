import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CustomerMode } from '../customer/customer-page';
import { keepArtefactsOnFailure } from './artefacts';
import { startCenterProcess, type PgCentre } from './center-process';
import { AGENT_SPEECH, makeSpeechWav, startCustomerUa, type CustomerUa } from './customer-ua';
import { customerPhone, SIP_ACCOUNTS, startKamailio, type RunningKamailio } from './kamailio';
import type { ListeningProcess } from './listening-process';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';
import { openWorkstation } from './workstation-page';

/** A SIP agent account provisioned in kamailio.cfg (1001–1005). */
export type AgentUser = Parameters<typeof SIP_ACCOUNTS.agent>[0];

/** What a call test needs started (see `startCallRig`). */
export interface CallRigOptions {
  /** Short tag of the test file: the scratch directory is `huifang-<name>-e2e-XXXXXX` in tmp. */
  name: string;
  /** The SIP account the desk's softphone registers with. */
  agent: AgentUser;
  /** The customer user agent's SIP account (its number is what the desk dials). */
  customer: number;
  /** What the customer does with incoming calls; default `answer`. */
  customerMode?: CustomerMode;
  /** Extra web host environment (added to the HUIFANG_SIP_* of the agent account). */
  hostEnv?: Record<string, string>;
  /** true: also start a real case centre (own process, SQLite) and point every desk at it; or one over PostgreSQL. */
  center?: boolean | PgCentre;
  /** How many of Kamailio's last log lines a failure report keeps; default 100. */
  kamailioLogTail?: number;
  /** The agent's and the customer's microphone files instead of generated speech (tone tests). */
  agentWav?: string;
  customerWav?: string;
  /** Kamailio's port (default: a free one). */
  kamailioPort?: number;
}

/** A further desk on the same proxy/centre (web host + its own Chromium, no microphone file). */
export interface ExtraDesk {
  readonly host: WebHostProcess;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * One call set-up: Kamailio on loopback, a customer user agent in its own Chromium speaking a
 * generated Mandarin WAV, the real web host registered as the agent, and the workstation page in a
 * second Chromium whose microphone is the agent's greeting. Optionally a real case centre.
 */
export interface CallRig {
  /** The scratch directory holding the speech WAVs. */
  readonly dir: string;
  readonly agentWav: string;
  readonly customerWav: string;
  readonly agentAccount: { user: string; password: string };
  readonly customerAccount: { user: string; password: string };
  /** The number a desk dials (or corrects a case's number to) to reach the customer. */
  readonly customerPhone: string;
  readonly kamailio: RunningKamailio;
  readonly center: (ListeningProcess & { dataDir: string }) | undefined;
  readonly customer: CustomerUa;
  /** The desk's web host (replaced by `relaunchHost`). */
  readonly host: WebHostProcess;
  /** The full environment the desk's web host runs with. */
  readonly hostEnv: Readonly<Record<string, string>>;
  readonly browser: Browser;
  readonly page: Page;
  /** Console/page-error log of every workstation page the rig opened. */
  readonly log: string[];
  /**
   * Call first thing in a test: on failure, keeps screenshots (the desk, extra desks, the customer)
   * and every log (pages, customer, hosts, centre, Kamailio's tail) under test-results/e2e/<name>/.
   */
  artefacts(name: string): void;
  /** Starts a web host on the same data directory and environment (after the old one died) and makes it `host`. */
  relaunchHost(): Promise<WebHostProcess>;
  /** Another desk: a web host (pointed at the centre, if any) with `env`, opened in its own Chromium (microphone `wav`, if given). */
  addDesk(env?: Record<string, string>, wav?: string): Promise<ExtraDesk>;
  /** Closes browsers, the customer, hosts, the centre and Kamailio, in that order. */
  stop(): Promise<void>;
}

/** Starts everything a call test needs; on a failure half-way, stops what had started and rethrows. */
export async function startCallRig(options: CallRigOptions): Promise<CallRig> {
  const agentAccount = SIP_ACCOUNTS.agent(options.agent);
  const customerAccount = SIP_ACCOUNTS.customer(options.customer);
  const dir = mkdtempSync(path.join(tmpdir(), `huifang-${options.name}-e2e-`));
  const log: string[] = [];
  const desks: ExtraDesk[] = [];
  const s: {
    kamailio?: RunningKamailio;
    center?: ListeningProcess & { dataDir: string };
    customer?: CustomerUa;
    host?: WebHostProcess;
    hostEnv?: Record<string, string>;
    browser?: Browser;
    page?: Page;
  } = {};
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`call rig: ${what} is not running`);
    return value;
  };
  const centerEnv = (): Record<string, string> => (s.center ? { HUIFANG_CENTER_URL: s.center.url } : {});

  const stop = async () => {
    const steps: (() => Promise<unknown> | undefined)[] = [
      () => s.browser?.close(),
      ...desks.map((d) => () => d.browser.close()),
      () => s.customer?.close(),
      () => s.host?.stop(),
      ...desks.map((d) => () => d.host.stop()),
      () => s.center?.stop(),
      () => s.kamailio?.stop(),
    ];
    const errors: unknown[] = [];
    for (const step of steps) await Promise.resolve(step()).catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  };

  const customerWav = options.customerWav ?? makeSpeechWav(dir);
  const agentWav = options.agentWav ?? makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent');
  try {
    s.kamailio = await startKamailio({ port: options.kamailioPort });
    if (options.center) s.center = await startCenterProcess(options.center === true ? undefined : options.center);
    s.customer = await startCustomerUa({ wsUrl: s.kamailio.wsUrl, ...customerAccount, wav: customerWav, mode: options.customerMode ?? 'answer' });
    s.hostEnv = {
      ...centerEnv(),
      HUIFANG_SIP_WS: s.kamailio.wsUrl,
      HUIFANG_SIP_URI: `sip:${agentAccount.user}@127.0.0.1`,
      HUIFANG_SIP_PASSWORD: agentAccount.password,
      HUIFANG_SIP_ICE_GATHERING_MS: '50',
      ...options.hostEnv,
    };
    s.host = await startWebHostProcess({ env: s.hostEnv });
    ({ browser: s.browser, page: s.page } = await openWorkstation(s.host.url, log, agentWav));
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }

  const tail = options.kamailioLogTail ?? 100;
  return {
    dir,
    agentWav,
    customerWav,
    agentAccount,
    customerAccount,
    customerPhone: customerPhone(customerAccount.user),
    log,
    get kamailio() {
      return need(s.kamailio, 'Kamailio');
    },
    get center() {
      return s.center;
    },
    get customer() {
      return need(s.customer, 'the customer');
    },
    get host() {
      return need(s.host, 'the web host');
    },
    get hostEnv() {
      return need(s.hostEnv, 'the web host');
    },
    get browser() {
      return need(s.browser, 'the workstation');
    },
    get page() {
      return need(s.page, 'the workstation');
    },
    artefacts(name) {
      keepArtefactsOnFailure(
        name,
        () => [need(s.page, 'the workstation'), ...desks.map((d) => d.page), need(s.customer, 'the customer').page],
        () => [
          ...log,
          ...(s.customer?.log ?? []),
          ...(s.host?.log ?? []),
          ...desks.flatMap((d) => d.host.log),
          ...(s.center?.log ?? []),
          ...(s.kamailio?.log.slice(-tail) ?? []),
        ],
      );
    },
    async relaunchHost() {
      const old = need(s.host, 'the web host');
      await old.stop();
      s.host = await startWebHostProcess({ dataDir: old.dataDir, env: need(s.hostEnv, 'the web host') });
      return s.host;
    },
    async addDesk(env = {}, wav) {
      const host = await startWebHostProcess({ env: { ...centerEnv(), ...env } });
      try {
        const { browser, page } = await openWorkstation(host.url, log, wav);
        const desk = { host, browser, page };
        desks.push(desk);
        return desk;
      } catch (e) {
        await host.stop();
        throw e;
      }
    },
    stop,
  };
}
