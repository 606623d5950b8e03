import path from 'node:path';
import type { RecordingFs } from '../recording/recording-fs';
import { DEFAULT_LOCAL_AUDIO_DAYS } from '../recording/retention';

/**
 * The desk's local-audio retention in days: the centre's desk setting (`localAudioDays`) when it
 * answers, remembered in `<dataDir>/audio-retention.json` so the last word holds offline; the
 * default (30) before the centre ever answered. A remembered value that does not parse reads as
 * the default: keeping audio longer loses nothing.
 */
export function retentionDays(dataDir: string, fs: RecordingFs, ask: () => Promise<number | null>): () => Promise<number> {
  const file = path.join(dataDir, 'audio-retention.json');
  return async () => {
    const told = await ask();
    if (told !== null) {
      await fs.writeAtomic(file, Buffer.from(JSON.stringify({ localAudioDays: told })));
      return told;
    }
    if (!(await fs.exists(file))) return DEFAULT_LOCAL_AUDIO_DAYS;
    try {
      const days = (JSON.parse((await fs.readFile(file)).toString('utf8')) as { localAudioDays?: unknown }).localAudioDays;
      return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : DEFAULT_LOCAL_AUDIO_DAYS;
    } catch {
      return DEFAULT_LOCAL_AUDIO_DAYS;
    }
  };
}
