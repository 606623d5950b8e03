import type { RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { HostCapabilities } from './host-capabilities';

/** Product name shown everywhere. */
export const PRODUCT_NAME = '回访坐席工作台';

/** Answers `app:*` channels: who is running, liveness. */
export class AppService {
  constructor(private readonly caps: Pick<HostCapabilities, 'host' | 'version' | 'platform' | 'dataDir'>) {}

  info(): ResponseOf<'app:info'> {
    return {
      name: PRODUCT_NAME,
      version: this.caps.version,
      host: this.caps.host,
      platform: this.caps.platform,
      dataDir: this.caps.dataDir,
    };
  }

  ping(request: RequestOf<'app:ping'>): ResponseOf<'app:ping'> {
    return { nonce: request.nonce, receivedAt: Date.now() };
  }
}
