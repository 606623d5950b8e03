import { syncError, type SyncError } from '../../shared/sync';

/**
 * Thrown by a blob store whose backing service failed (bucket missing, credentials refused, endpoint
 * down). The request that met it answers with this specific message instead of a bare "internal error";
 * nothing was stored half, so the desk simply tries again later.
 */
export class BlobStoreUnavailable extends Error {
  readonly error: SyncError;

  constructor(detail: string) {
    super(detail);
    this.name = 'BlobStoreUnavailable';
    this.error = syncError('internal', {
      zh: '中心的录音存储暂不可用，录音仍在中心暂存区，请稍后重试',
      en: `the centre's recording store is unavailable (${detail}); nothing was lost, try again later`,
    });
  }
}
