import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spoolUpload } from '../../center/server/upload-spool';

const read = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

/** center/server/upload-spool.ts: uploads are held on disk sealed, never in memory or in clear. */
describe('the upload spool (README "Security": personal data encrypted at rest)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ID_COPY = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ID 110101199001011234 '.repeat(50_000))]);

  it('gives back the bytes, their size and first bytes, while the file on disk holds none of them in clear', async () => {
    const spool = await spoolUpload(Readable.from([ID_COPY.subarray(0, 3), ID_COPY.subarray(3)]), dir);
    expect(spool.size).toBe(ID_COPY.length);
    expect(spool.head).toEqual(ID_COPY.subarray(0, 16));
    const [name] = readdirSync(dir);
    const onDisk = readFileSync(join(dir, name!));
    expect(onDisk.length).toBe(ID_COPY.length);
    expect(onDisk.includes(Buffer.from('110101199001011234'))).toBe(false);
    expect((await read(spool.open())).equals(ID_COPY)).toBe(true);
    expect((await read(spool.open())).equals(ID_COPY)).toBe(true); // read as often as the handler needs
    await spool.discard();
    await spool.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a spool altered on disk fails its read instead of handing over other bytes', async () => {
    const spool = await spoolUpload(Readable.from([ID_COPY]), dir);
    const file = join(dir, readdirSync(dir)[0]!);
    const bytes = readFileSync(file);
    bytes[100] ^= 1;
    writeFileSync(file, bytes);
    await expect(read(spool.open())).rejects.toThrow(/authenticate/);
  });

  it('an upload that breaks off leaves no spool behind', async () => {
    async function* cut() {
      yield ID_COPY.subarray(0, 1000);
      throw new Error('connection reset');
    }
    await expect(spoolUpload(Readable.from(cut()), dir)).rejects.toThrow('connection reset');
    expect(readdirSync(dir)).toEqual([]);
  });
});
