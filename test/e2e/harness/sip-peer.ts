import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, SIP_DOMAIN } from './kamailio';

/*
 * A non-browser SIP user agent for the end-to-end tests: Debian's baresip (baresip-core 1.0),
 * registered over TCP through the project's own Kamailio, doing what gateways and SBCs do:
 * full ICE (host candidates on a real interface), DTLS-SRTP with rtcp-mux, Opus and G.711,
 * telephone-event/8000 only, SIP INFO dtmf-relay.
 *
 * Why baresip: pjsua (pjproject) is not packaged in Debian bookworm; linphone-cli 5.1 is, but was
 * not needed: baresip-core alone (≈10 s to install) has the ice, dtls_srtp, opus, g711, aufile (a
 * WAV as the microphone) and sndfile (every decoded frame dumped to a WAV) modules, and ctrl_tcp, a
 * JSON control socket that reports call events (established, closed with the SIP status, DTMF
 * received over RFC 4733 or SIP INFO) and takes commands (dial, hold, resume, …) — everything a
 * test needs to drive it and to check what it heard. It worked against Chromium on the first try
 * once loopback candidates were out of the way (below).
 *
 * ICE against Chromium needs a non-loopback address on both sides: baresip gathers host candidates
 * on real interfaces only, and a Chromium started with --allow-loopback-in-peer-connection offers
 * 127.0.0.1 candidates that baresip may select while Chromium nominates another pair — DTLS then
 * never completes and no media flows (INFRA.md). The desk that calls this peer
 * runs without that flag (`openWorkstation(…, { loopbackIce: false })`).
 *
 * Kamailio needs no change for it: the TCP socket the tests give it (`-l tcp:127.0.0.1:<port>`)
 * takes plain SIP over TCP as well as WebSocket upgrades, and record-routing bridges the two.
 */

const BARESIP_BIN = process.env.HUIFANG_BARESIP ?? '/usr/bin/baresip';
const MODULE_PATH = '/usr/lib/baresip/modules';

/** One event from baresip's ctrl_tcp socket (`{"event":true,"type":"CALL_ESTABLISHED",…}`). */
export interface PeerEvent {
  readonly type: string;
  readonly param?: string;
  readonly peeruri?: string;
  readonly direction?: string;
  /** When the harness received it (ms epoch). */
  readonly at: number;
}

export interface SipPeerOptions {
  /** Kamailio's TCP port on 127.0.0.1 (the peer registers and calls through it). */
  readonly proxyPort: number;
  readonly user: string;
  readonly password: string;
  /** What the peer says: a mono WAV, looped; null → no audio source at all, so it sends no RTP. */
  readonly wav: string | null;
  /** Offered/accepted codecs in order; default Opus then G.711 (PCMU, PCMA). */
  readonly codecs?: readonly ('opus' | 'PCMU' | 'PCMA')[];
  /** auto: answers every incoming call at once; manual: rings until `accept()`. Default auto. */
  readonly answer?: 'auto' | 'manual';
}

export interface SipPeer {
  readonly user: string;
  /** baresip's own output and the control traffic, for failure reports. */
  readonly log: string[];
  /** Every ctrl_tcp event so far, oldest first. */
  readonly events: readonly PeerEvent[];
  /** Runs a baresip command (`dial`, `accept`, `hangup`, `hold`, `resume`, `answermode`, …). */
  command(command: string, params?: string): Promise<{ ok: boolean; data: string }>;
  /** The first event of `type` (optionally matching `match`) at index ≥ `from`; waits up to `timeoutMs`. */
  waitForEvent(type: string, options?: { from?: number; match?: (e: PeerEvent) => boolean; timeoutMs?: number }): Promise<PeerEvent>;
  /** Digits baresip reported as received (RFC 4733 or SIP INFO), in order, since index `from` of `events`. */
  dtmfReceived(from?: number): string[];
  /** The newest call's decoded audio (what the peer heard), dumped by sndfile; null before any call. */
  receivedWav(): string | null;
  stop(): Promise<void>;
}

/** The first IPv4 address of a non-loopback interface, or a clear error (see the header). */
export function mediaInterface(): { name: string; address: string } {
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    const v4 = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (v4) return { name, address: v4.address };
  }
  throw new Error('no non-loopback IPv4 interface: ICE between Chromium and baresip needs one (a dummy or veth interface will do)');
}

function writeConfig(dir: string, o: SipPeerOptions, ports: { sip: number; ctrl: number }, iface: string): void {
  const lines = [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${ports.sip}`,
    'sip_trans_def tcp',
    `net_interface ${iface}`,
    // No sound card: ALSA's built-in null device plays (and alerts) into nothing; what the peer
    // hears is taken from the decoder by sndfile instead.
    'audio_player alsa,null',
    'audio_alert alsa,null',
    `audio_source ${o.wav ? `aufile,${o.wav}` : 'aufile,/nonexistent/no-source.wav'}`,
    'ausrc_srate 48000',
    'ausrc_channels 1',
    'rtcp_mux yes',
    'jitter_buffer_delay 2-10',
    `module_path ${MODULE_PATH}`,
    ...['g711', 'opus', 'aufile', 'alsa', 'sndfile', 'ice', 'dtls_srtp'].map((m) => `module ${m}.so`),
    ...['account', 'menu', 'ctrl_tcp'].map((m) => `module_app ${m}.so`),
    `ctrl_tcp_listen 127.0.0.1:${ports.ctrl}`,
    `snd_path ${path.join(dir, 'audio')}`,
  ];
  writeFileSync(path.join(dir, 'config'), lines.join('\n') + '\n');
  const codecs = (o.codecs ?? ['opus', 'PCMU', 'PCMA']).map((c) => (c === 'opus' ? 'opus/48000/2' : c)).join(',');
  const account =
    `<sip:${o.user}@${SIP_DOMAIN};transport=tcp>;auth_pass=${o.password};outbound="sip:127.0.0.1:${o.proxyPort};transport=tcp"` +
    `;regint=600;answermode=${o.answer ?? 'auto'};medianat=ice;mediaenc=dtls_srtp;audio_codecs=${codecs}`;
  writeFileSync(path.join(dir, 'accounts'), account + '\n');
}

/** ctrl_tcp frames are netstrings: `<length>:<json>,`. */
function netstrings(onFrame: (json: string) => void): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const colon = buf.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(buf.subarray(0, colon).toString());
      if (buf.length < colon + 1 + len + 1) return;
      onFrame(buf.subarray(colon + 1, colon + 1 + len).toString());
      buf = buf.subarray(colon + 2 + len);
    }
  };
}

async function connectCtrl(port: number, child: ChildProcess, log: string[]): Promise<Socket> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`baresip exited with ${child.exitCode}:\n${log.join('\n')}`);
    const socket = await new Promise<Socket | null>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(null));
    });
    if (socket) return socket;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`baresip's control port ${port} did not open in 10 s:\n${log.join('\n')}`);
}

/**
 * Starts baresip with a fresh config directory (temp), waits until it is registered with the proxy
 * and returns a handle; `stop()` ends it (SIGTERM, then SIGKILL) and nothing else.
 */
export async function startSipPeer(options: SipPeerOptions): Promise<SipPeer> {
  if (!existsSync(BARESIP_BIN)) throw new Error(`baresip not found at ${BARESIP_BIN}: install baresip-core (see .ci/run)`);
  const iface = mediaInterface();
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-sip-peer-'));
  mkdirSync(path.join(dir, 'audio'));
  const ports = { sip: await freePort(), ctrl: await freePort() };
  writeConfig(dir, options, ports, iface.name);

  const log: string[] = [];
  const events: PeerEvent[] = [];
  const child = spawn(BARESIP_BIN, ['-4', '-v', '-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (d: Buffer) => {
    // baresip colours warnings with ANSI escapes.
    for (const line of d
      .toString()
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n'))
      if (line.trim()) log.push(`[baresip ${options.user}] ${line}`);
    if (log.length > 3000) log.splice(0, log.length - 3000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const pending = new Map<string, (r: { ok: boolean; data: string }) => void>();
  let token = 0;
  let socket: Socket;
  try {
    socket = await connectCtrl(ports.ctrl, child, log);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  socket.on(
    'data',
    netstrings((json) => {
      const msg = JSON.parse(json) as Record<string, unknown>;
      if (msg.event) {
        events.push({ type: String(msg.type), param: msg.param as string, peeruri: msg.peeruri as string, direction: msg.direction as string, at: Date.now() });
        log.push(`[baresip ${options.user} event] ${json}`);
      } else if (msg.response) {
        pending.get(String(msg.token))?.({ ok: msg.ok === true, data: String(msg.data ?? '') });
        pending.delete(String(msg.token));
      }
    }),
  );

  const command = (name: string, params = '') =>
    new Promise<{ ok: boolean; data: string }>((resolve, reject) => {
      const t = String(++token);
      const timer = setTimeout(() => {
        pending.delete(t);
        reject(new Error(`baresip did not answer /${name} ${params} in 5 s`));
      }, 5000);
      pending.set(t, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      const body = JSON.stringify({ command: name, params, token: t });
      socket.write(`${Buffer.byteLength(body)}:${body},`);
      log.push(`[baresip ${options.user} command] /${name} ${params}`);
    });

  const waitForEvent: SipPeer['waitForEvent'] = async (type, o = {}) => {
    const deadline = Date.now() + (o.timeoutMs ?? 15_000);
    for (;;) {
      const hit = events.slice(o.from ?? 0).find((e) => e.type === type && (o.match?.(e) ?? true));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`baresip ${options.user}: no ${type} event in ${o.timeoutMs ?? 15_000} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    socket.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  // Registered: baresip prints the registrar's 200 (REGISTER_OK may come before the control socket
  // connects, and events are not replayed).
  const deadline = Date.now() + 15_000;
  while (!log.some((line) => / 200 OK .*binding/.test(line))) {
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`baresip ${options.user} did not register in 15 s:\n${log.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    user: options.user,
    log,
    events,
    command,
    waitForEvent,
    dtmfReceived: (from = 0) =>
      events
        .slice(from)
        .filter((e) => e.type === 'CALL_DTMF_START')
        .map((e) => e.param ?? ''),
    receivedWav() {
      const files = readdirSync(path.join(dir, 'audio'))
        .filter((f) => f.endsWith('-dec.wav'))
        .sort();
      return files.length ? path.join(dir, 'audio', files.at(-1)!) : null;
    },
    stop,
  };
}
