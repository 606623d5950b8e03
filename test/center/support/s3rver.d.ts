// s3rver ships no types; only what the tests use.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string }[];
  }
  type Middleware = (
    ctx: {
      method: string;
      url: string;
      get(header: string): string;
      headers: Record<string, string | string[] | undefined>;
      store: { getResourcePath(bucket: string, key: string, resource: string): string };
      status: number;
      type: string;
      body: unknown;
    },
    next: () => Promise<void>,
  ) => Promise<void>;
  export default class S3rver {
    constructor(options: S3rverOptions);
    middleware: Middleware[];
    httpServer?: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
