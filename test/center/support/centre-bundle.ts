import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The centre as `npm run center` runs it — its script's last command, `node <flags…> <bundle>` — so
 * tests and benches start the same bundle (scripts/build-center.mjs; rebuilt before the tests by
 * test/setup/build-center.ts, before the benches by bench/run.ts) with the same Node flags, read from
 * package.json rather than repeated here.
 */
function centreCommand(): string[] {
  const script = (JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../../..'), 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts.center;
  const words = script.split('&&').pop()!.trim().split(/\s+/);
  if (words[0] !== 'node' || !words.at(-1)!.endsWith('.mjs')) throw new Error(`npm run center no longer ends with "node <flags> <bundle>": ${script}`);
  return words.slice(1);
}

const command = centreCommand();
/** The bundle, relative to the repository root. */
export const CENTRE_BUNDLE = command.at(-1)!;
/** Node's flags for a centre process (its heap limit: center/README.md). */
export const CENTRE_NODE_FLAGS = command.slice(0, -1);

/** Node's arguments for a repository entry run as users run it: the centre's bundle with its flags, TypeScript through tsx. */
export const nodeArgsFor = (file: string): string[] =>
  file.endsWith(CENTRE_BUNDLE) ? [...CENTRE_NODE_FLAGS, file] : file.endsWith('.mjs') ? [file] : ['--import', 'tsx', file];
