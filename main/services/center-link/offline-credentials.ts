import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { centerUserSchema, type CenterUser } from '../../../shared/sync';
import { z } from 'zod';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 } as const;

const fileSchema = z.record(z.string(), z.object({ salt: z.string(), hash: z.string(), user: centerUserSchema, verifiedAt: z.string() }));

/**
 * Remembers, per staff number, a memory-hard hash (scrypt) of the last password the centre
 * accepted on this workstation, so the agent can sign in and keep working from the cache while
 * the centre is unreachable. The password itself is never stored.
 */
export class OfflineCredentials {
  constructor(private readonly file: string) {}

  /** Records credentials the centre has just accepted. */
  async remember(staffNo: string, password: string, user: CenterUser, now = new Date()): Promise<void> {
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32, PARAMS);
    const all = await this.load();
    all[staffNo] = { salt: salt.toString('base64'), hash: hash.toString('base64'), user, verifiedAt: now.toISOString() };
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** The user the centre last confirmed for these credentials, or null. */
  async verify(staffNo: string, password: string): Promise<CenterUser | null> {
    const entry = (await this.load())[staffNo];
    if (!entry) return null;
    const hash = await scrypt(password, Buffer.from(entry.salt, 'base64'), 32, PARAMS);
    const stored = Buffer.from(entry.hash, 'base64');
    return stored.length === hash.length && timingSafeEqual(stored, hash) ? entry.user : null;
  }

  /** Forgets every staff number: another centre is in force, and it has confirmed none of them. */
  async forgetAll(): Promise<void> {
    await rm(this.file, { force: true });
  }

  private async load(): Promise<z.infer<typeof fileSchema>> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }
}
