import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { RecordingFs } from '../recording/recording-fs';

/**
 * This desk's name in the centre's audit log: the computer's name and a random id kept in the data
 * directory (`workstation.id`), so two profiles on one PC and a renamed PC stay told apart.
 */
export async function workstationName(dataDir: string, fs: RecordingFs): Promise<string> {
  const file = path.join(dataDir, 'workstation.id');
  let id: string;
  if (await fs.exists(file)) id = (await fs.readFile(file)).toString('utf8').trim();
  else {
    id = randomBytes(6).toString('hex');
    await fs.mkdirp(dataDir);
    await fs.writeAtomic(file, Buffer.from(id));
  }
  return `${hostname()
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 60)}/${id}`;
}
