import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3BlobStoreConfig } from '../../../center/archive/s3-blob-store';

/** s3rver's built-in account: it checks request signatures against these. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** One request the server saw (method, path with query, body length, conditional-write header, all headers). */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly bytes: number;
  readonly ifNoneMatch: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * A real S3-compatible server (s3rver, in this process, on a free loopback port, files in a temp dir)
 * with one bucket. A write with `If-None-Match: *` over an existing object answers 412 as AWS S3 does
 * (s3rver itself ignores the header and overwrites). `stop`/`start` take it down and bring it back on the same port and data, to
 * test what the centre does while its object store is unreachable.
 */
export interface TestS3 {
  readonly endpoint: string;
  readonly bucket: string;
  readonly requests: SeenRequest[];
  /** The next HEAD of this object name answers 404, as if another writer stored it just after the check. */
  hideOnce(name: string): void;
  /** While true, every PUT (single object or part) answers 503 SlowDown, as an overloaded server would. */
  failWrites: boolean;
  config(extra?: Partial<S3BlobStoreConfig>): S3BlobStoreConfig;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'huifang-archive'): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'huifang-s3-'));
  const requests: SeenRequest[] = [];
  let port = 0;
  let server: S3rver | null = null;
  const state = { failWrites: false };
  const hidden = new Set<string>();

  async function start(): Promise<void> {
    const s = new S3rver({ address: '127.0.0.1', port, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
    // Koa composes its middleware when it starts listening, so this one sees every request first.
    s.middleware.unshift(async (ctx, next) => {
      requests.push({
        method: ctx.method,
        url: ctx.url,
        bytes: Number(ctx.get('content-length') || 0),
        ifNoneMatch: ctx.get('if-none-match'),
        headers: ctx.headers,
      });
      const url = new URL(ctx.url, 'http://s3');
      const [, inBucket = '', ...rest] = url.pathname.split('/');
      const name = decodeURIComponent(rest.join('/'));
      if (ctx.method === 'HEAD' && hidden.delete(name)) {
        ctx.status = 404;
        return;
      }
      const objectWrite = (ctx.method === 'PUT' && !url.searchParams.has('partNumber')) || (ctx.method === 'POST' && url.searchParams.has('uploadId'));
      if (objectWrite && ctx.get('if-none-match') === '*' && existsSync(ctx.store.getResourcePath(inBucket, name, 'object'))) {
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body =
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>';
        return;
      }
      if (state.failWrites && ctx.method === 'PUT') {
        ctx.status = 503;
        ctx.type = 'application/xml';
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
        return;
      }
      await next();
    });
    port = (await s.run()).port;
    server = s;
  }
  async function stop(): Promise<void> {
    const s = server;
    server = null;
    // Keep-alive sockets of the SDK would hold the close open.
    s?.httpServer?.closeAllConnections();
    await s?.close();
  }

  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    requests,
    hideOnce: (name) => void hidden.add(name),
    get failWrites() {
      return state.failWrites;
    },
    set failWrites(on: boolean) {
      state.failWrites = on;
    },
    config: (extra = {}) => ({ endpoint, region: 'us-east-1', bucket, prefix: 'recordings/', credentials: S3RVER_KEYS, ...extra }),
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
