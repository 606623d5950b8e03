import { IpcRouter, type IpcLogger } from '../ipc/ipc-router';
import { AppService } from './app-service';
import type { HostCapabilities } from './host-capabilities';

/** The running set of main-process services, as one host (Electron or web) sees them. */
export interface MainServices {
  readonly router: IpcRouter;
  /** Origins the renderer may connect to besides its own (SIP proxy); feeds the CSP. */
  connectSrc(): readonly string[];
  /** Releases timers, files and child processes. */
  dispose(): Promise<void>;
}

/**
 * Builds every main-process service from host capabilities and registers their IPC handlers.
 * Both `main/index.ts` (Electron) and the web host call this, so they serve the same contract.
 */
export async function createMainServices(caps: HostCapabilities, log?: IpcLogger): Promise<MainServices> {
  const router = new IpcRouter(log);
  const app = new AppService(caps);
  router.register({
    'app:info': () => app.info(),
    'app:ping': (req) => app.ping(req),
  });
  const connectOrigins: string[] = [];
  const disposers: (() => Promise<void> | void)[] = [];
  return {
    router,
    connectSrc: () => connectOrigins,
    async dispose() {
      for (const d of disposers.reverse()) await d();
    },
  };
}
