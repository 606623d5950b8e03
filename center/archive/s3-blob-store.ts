import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { PassThrough, Transform, pipeline, type Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  AbortMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobStore } from './blob-store';
import { BlobStoreUnavailable } from './blob-store-unavailable';

/** Where and how the centre reaches its bucket (README "Storage": flags and environment). */
export interface S3BlobStoreConfig {
  /** `https://host:port` of an S3-compatible server; AWS's own endpoint for `region` when absent. */
  readonly endpoint?: string;
  readonly region: string;
  readonly bucket: string;
  /** Prepended to every object name, e.g. `recordings/`. */
  readonly prefix: string;
  /** Bucket in the path rather than the host name (MinIO, Ceph, s3rver); the default with an endpoint. */
  readonly forcePathStyle?: boolean;
  /** Explicit keys; the SDK's default chain (AWS_* variables, profile, instance role) when absent. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Each object is written locked for this long; the bucket must have object lock enabled. */
  readonly objectLock?: { readonly mode: 'COMPLIANCE' | 'GOVERNANCE'; readonly years: number };
  /** Sends `If-None-Match: *` with every write (default); off only for servers that refuse it. */
  readonly conditionalWrites?: boolean;
}

const KEY = /^[0-9a-f]{64}$/;
/** Bytes of one multipart part: what a single upload holds in memory at most, times QUEUE. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE = 2;

/**
 * Recordings in an S3-compatible bucket, same contract as FsBlobStore: one object per SHA-256 key,
 * written once, never overwritten. Partial uploads stay in the local `scratchDir` until `adopt`
 * streams the finished file up in parts and only then deletes it, so a failure loses nothing.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly where: string;

  constructor(
    private readonly config: S3BlobStoreConfig,
    readonly scratchDir: string,
  ) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? config.endpoint !== undefined,
      credentials: config.credentials,
      maxAttempts: 3,
      // A dead endpoint must fail the request in seconds, not hang the desk's upload.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
    this.where = `bucket "${config.bucket}" at ${config.endpoint ?? `AWS S3 ${config.region}`}`;
  }

  /** Checks at start that the bucket answers (and has object lock when asked for): a problem as text, or null. */
  async check(): Promise<string | null> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (err) {
      return `S3 blob store: ${this.explain(err, 'bucket')}`;
    }
    if (!this.config.objectLock) return null;
    try {
      const lock = await this.client.send(new GetObjectLockConfigurationCommand({ Bucket: this.config.bucket }));
      if (lock.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled') return null;
    } catch (err) {
      if (statusOf(err) !== 404 && !['ObjectLockConfigurationNotFoundError', 'NotImplemented'].includes(nameOf(err))) {
        return `S3 blob store: ${this.explain(err, 'bucket')}`;
      }
    }
    return `S3 blob store: object lock (${this.config.objectLock.mode}) was asked for, but ${this.where} has no object lock enabled; create the bucket with object lock (README "Storage") or drop --s3-lock-mode`;
  }

  private nameOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a SHA-256 key: ${key}`);
    return `${this.config.prefix}${key}`;
  }

  async size(key: string): Promise<number | null> {
    const name = this.nameOf(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: name }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (statusOf(err) === 404 || nameOf(err) === 'NotFound' || nameOf(err) === 'NoSuchKey') return null;
      throw new BlobStoreUnavailable(this.explain(err, name));
    }
  }

  read(key: string, start: number, end: number): Readable {
    const name = this.nameOf(key);
    const out = new PassThrough();
    const abort = new AbortController();
    out.on('close', () => abort.abort());
    this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: name, Range: `bytes=${start}-${end}` }), { abortSignal: abort.signal }).then(
      (got) => {
        // Some servers answer `bytes=0-0` with more than asked (s3rver: the whole object); the caller
        // promised its client exactly end-start+1 bytes, so only those go out, and from `start` or not at all.
        const from = Number(/^bytes (\d+)-/.exec(got.ContentRange ?? '')?.[1] ?? 0);
        if (from !== start) {
          (got.Body as Readable).destroy();
          out.destroy(new BlobStoreUnavailable(`${this.where} answered bytes from ${from} when asked for ${start}-${end} of ${name}`));
          return;
        }
        pipeline(got.Body as Readable, firstBytes(end - start + 1), out, () => undefined);
      },
      (err: unknown) => out.destroy(abort.signal.aborted ? undefined : new BlobStoreUnavailable(this.explain(err, name))),
    );
    return out;
  }

  async adopt(file: string, key: string): Promise<void> {
    const name = this.nameOf(key);
    if ((await this.size(key)) !== null) {
      await unlink(file);
      return;
    }
    const bytes = (await stat(file)).size;
    const body = createReadStream(file);
    const params: PutObjectCommandInput = {
      Bucket: this.config.bucket,
      Key: name,
      Body: body,
      ContentLength: bytes,
      ContentType: 'application/octet-stream',
      ...(this.config.conditionalWrites === false ? {} : { IfNoneMatch: '*' }),
      ...this.lockFields(),
    };
    try {
      // lib-storage reads the file part by part (PART_BYTES × QUEUE in memory at most), one PUT when small.
      // Its own clean-up would replace the real error with the abort's when that fails too, so ours runs after.
      await new Upload({ client: this.client, params, partSize: PART_BYTES, queueSize: QUEUE, leavePartsOnError: true }).done();
    } catch (err) {
      await this.abortUnfinished(name);
      // Someone stored the same key first: the same bytes by construction, so write-once holds.
      if (statusOf(err) === 412 || nameOf(err) === 'PreconditionFailed') {
        await unlink(file);
        return;
      }
      throw new BlobStoreUnavailable(this.explain(err, name));
    } finally {
      body.destroy(); // a failed upload may stop reading midway: the file descriptor goes now, not at GC
    }
    const stored = await this.size(key);
    if (stored !== bytes) throw new BlobStoreUnavailable(`${this.where} kept ${stored ?? 'no'} bytes of the ${bytes} sent for ${name}`);
    await unlink(file);
  }

  /**
   * Deletes every version of the object (a versioned or locked bucket keeps old versions behind a
   * plain delete). A locked object before its retain-until date is refused by the server: that error
   * is passed on, never bypassed. A missing key is not an error.
   */
  async remove(key: string): Promise<void> {
    const name = this.nameOf(key);
    try {
      const versions = await this.versionsOf(name);
      if (versions === null) {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: name }));
        return;
      }
      if (versions.length === 0) return;
      const res = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.config.bucket, Delete: { Objects: versions.map((VersionId) => ({ Key: name, VersionId })), Quiet: true } }),
      );
      const refused = res.Errors?.[0];
      if (refused) throw new BlobStoreUnavailable(`${this.where} refused to delete ${name}: ${refused.Code ?? 'error'} ${refused.Message ?? ''}`.trim());
    } catch (err) {
      if (err instanceof BlobStoreUnavailable) throw err;
      throw new BlobStoreUnavailable(this.explain(err, name));
    }
  }

  /** Drops the parts of failed multipart uploads of `name` (best effort: a bucket lifecycle rule is the backstop). */
  private async abortUnfinished(name: string): Promise<void> {
    try {
      const open = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.config.bucket, Prefix: name }));
      for (const u of open.Uploads ?? []) {
        if (u.Key === name && u.UploadId)
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.config.bucket, Key: name, UploadId: u.UploadId }));
      }
    } catch (err) {
      process.stderr.write(`centre: unfinished multipart upload of ${name} left for the bucket's lifecycle rule: ${this.explain(err, name)}\n`);
    }
  }

  /** Version ids of exactly `name`, or null where the server keeps no versions (ListObjectVersions unsupported). */
  private async versionsOf(name: string): Promise<string[] | null> {
    const ids: string[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(
          new ListObjectVersionsCommand({ Bucket: this.config.bucket, Prefix: name, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
        );
      } catch (err) {
        if (statusOf(err) === 501 || statusOf(err) === 405) return null;
        throw err;
      }
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) if (v.Key === name && v.VersionId) ids.push(v.VersionId);
      if (!page.IsTruncated) return ids;
      keyMarker = page.NextKeyMarker;
      versionMarker = page.NextVersionIdMarker;
    }
  }

  private lockFields(): Partial<PutObjectCommandInput> {
    const lock = this.config.objectLock;
    if (!lock) return {};
    const until = new Date();
    until.setUTCFullYear(until.getUTCFullYear() + lock.years);
    // S3 requires an integrity checksum on every write with a retention period.
    return { ObjectLockMode: lock.mode, ObjectLockRetainUntilDate: until, ChecksumAlgorithm: 'SHA256' };
  }

  /** A person-readable reason for a failed S3 call: which bucket, and what to check. */
  private explain(err: unknown, what: string): string {
    const status = statusOf(err);
    const name = nameOf(err);
    const code = (err as { code?: string }).code ?? '';
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'].includes(code) || name === 'TimeoutError') {
      return `the S3 endpoint ${this.config.endpoint ?? this.config.region} is unreachable (${code || name})`;
    }
    if (name === 'CredentialsProviderError')
      return `no S3 credentials found: set HUIFANG_S3_ACCESS_KEY_ID and HUIFANG_S3_SECRET_ACCESS_KEY (or the AWS_* variables)`;
    if (name === 'NoSuchBucket' || (what === 'bucket' && status === 404)) return `${this.where} does not exist`;
    if (status === 403 || ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied'].includes(name)) {
      return `${this.where} refused the credentials (${name === 'Unknown' ? `HTTP ${status}` : name}): check the access key, secret and the key's permissions`;
    }
    return `${this.where} failed on ${what}: ${name}${status ? ` (HTTP ${status})` : ''} ${(err as Error).message ?? ''}`.trim();
  }
}

/** Passes the first `n` bytes and swallows the rest. */
function firstBytes(n: number): Transform {
  let left = n;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const take = chunk.subarray(0, left);
      left -= take.length;
      done(null, take.length > 0 ? take : undefined);
    },
  });
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function nameOf(err: unknown): string {
  return (err as { name?: string }).name ?? '';
}
