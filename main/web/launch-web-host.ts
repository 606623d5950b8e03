import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { events, isEventName } from '../../shared/ipc/contract';
import { createMainServices, type MainServices } from '../services/create-services';
import { loadHostKey, nodeSecretProtector } from '../services/node-secret-protector';
import { startWebHost, type RunningWebHost } from './web-host';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebHostLaunchOptions {
  readonly port?: number;
  readonly dataDir: string;
  readonly token?: string;
  readonly rendererDir?: string;
  readonly bridgeFile?: string;
}

/** Runs the main services in plain Node and serves the built renderer with the same contract. */
export async function launchWebHost(options: WebHostLaunchOptions): Promise<{ host: RunningWebHost; services: MainServices }> {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  let host: RunningWebHost | null = null;
  const services = await createMainServices(
    {
      host: 'web',
      version: pkg.version,
      platform: process.platform,
      dataDir: options.dataDir,
      secrets: nodeSecretProtector(loadHostKey(options.dataDir)),
      // A browser tab cannot hold the display awake from Node; the renderer's Wake Lock does it there.
      displayKeeper: { keepAwake: () => () => undefined },
      emit: (name, payload) => {
        if (!isEventName(name)) throw new Error(`Undeclared event ${String(name)}`);
        host?.broadcast(name, events[name].payload.parse(payload));
      },
    },
    (entry) => process.stderr.write(`[ipc] ${entry.channel} ${entry.code}: ${entry.message}\n`),
  );
  host = await startWebHost({
    router: services.router,
    port: options.port,
    token: options.token,
    rendererDir: options.rendererDir ?? path.join(projectRoot, 'out/renderer'),
    bridgeFile: options.bridgeFile ?? path.join(projectRoot, 'out/web-bridge/bridge.js'),
    connectSrc: () => services.connectSrc(),
  });
  return { host, services };
}
