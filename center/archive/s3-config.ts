import type { S3BlobStoreConfig } from './s3-blob-store';

/** The `serve` flags that choose and configure the archive's blob store (README "Storage"). */
export const BLOB_STORE_FLAGS = {
  'blob-store': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-bucket': { type: 'string' },
  's3-region': { type: 'string' },
  's3-prefix': { type: 'string' },
  's3-lock-mode': { type: 'string' },
  's3-lock-years': { type: 'string' },
} as const;

type Flags = { readonly [K in keyof typeof BLOB_STORE_FLAGS]?: string };
type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the blob store choice from flags, falling back to HUIFANG_* variables. Credentials come only
 * from the environment (a command line is visible to every user of the machine). `null` config means
 * the filesystem store under the data directory.
 */
export function blobStoreConfig(flags: Flags, env: Env): { ok: true; s3: S3BlobStoreConfig | null } | { ok: false; message: string } {
  const pick = (flag: keyof Flags, name: string) => flags[flag] ?? env[name] ?? undefined;
  const kind = pick('blob-store', 'HUIFANG_BLOB_STORE') ?? 'fs';
  if (kind === 'fs') return { ok: true, s3: null };
  if (kind !== 's3') return { ok: false, message: `unknown --blob-store ${kind}: use fs (files under --data) or s3` };
  const bucket = pick('s3-bucket', 'HUIFANG_S3_BUCKET');
  if (!bucket) return { ok: false, message: '--blob-store s3 needs --s3-bucket (or HUIFANG_S3_BUCKET)' };
  const endpoint = pick('s3-endpoint', 'HUIFANG_S3_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) {
    return { ok: false, message: `invalid --s3-endpoint ${endpoint}: give scheme, host and port only, e.g. https://s3.example.cn:9000` };
  }
  const prefix = pick('s3-prefix', 'HUIFANG_S3_PREFIX') ?? 'recordings/';
  if (prefix !== '' && !/^[A-Za-z0-9!_.*'()/-]+\/$/.test(prefix)) {
    return { ok: false, message: `invalid --s3-prefix ${prefix}: plain characters ending in "/", e.g. recordings/` };
  }
  const keyId = env.HUIFANG_S3_ACCESS_KEY_ID;
  const secret = env.HUIFANG_S3_SECRET_ACCESS_KEY;
  if (Boolean(keyId) !== Boolean(secret)) {
    return {
      ok: false,
      message: 'set both HUIFANG_S3_ACCESS_KEY_ID and HUIFANG_S3_SECRET_ACCESS_KEY, or neither (then the AWS_* variables or profile are used)',
    };
  }
  const lock = lockConfig(pick('s3-lock-mode', 'HUIFANG_S3_LOCK_MODE'), pick('s3-lock-years', 'HUIFANG_S3_LOCK_YEARS'));
  if (typeof lock === 'string') return { ok: false, message: lock };
  return {
    ok: true,
    s3: {
      endpoint: endpoint?.replace(/\/$/, ''),
      region: pick('s3-region', 'HUIFANG_S3_REGION') ?? env.AWS_REGION ?? 'us-east-1',
      bucket,
      prefix,
      credentials: keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret, sessionToken: env.HUIFANG_S3_SESSION_TOKEN || undefined } : undefined,
      objectLock: lock ?? undefined,
      conditionalWrites: env.HUIFANG_S3_CONDITIONAL_WRITES !== '0',
    },
  };
}

/** Object lock settings, or a reason they are wrong. Twenty years by default (docs/domain.md §9: recordings kept ≥ 20 years). */
function lockConfig(mode: string | undefined, years: string | undefined): S3BlobStoreConfig['objectLock'] | null | string {
  if (mode === undefined) return years === undefined ? null : '--s3-lock-years needs --s3-lock-mode COMPLIANCE or GOVERNANCE';
  if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return `invalid --s3-lock-mode ${mode}: COMPLIANCE or GOVERNANCE`;
  const n = Number(years ?? 20);
  if (!Number.isInteger(n) || n < 1 || n > 100) return `invalid --s3-lock-years ${years}: whole years, 1 to 100`;
  return { mode, years: n };
}
