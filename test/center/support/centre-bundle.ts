/**
 * The centre as `npm run center` runs it: bundled for plain Node by scripts/build-center.mjs (rebuilt
 * before the tests by test/setup/build-center.ts, before the benches by bench/run.ts). Relative to the
 * repository root.
 */
export const CENTRE_BUNDLE = 'out/center/cli.mjs';

/** Node's arguments for a repository entry run as users run it: a bundle as is, TypeScript through tsx. */
export const nodeArgsFor = (file: string): string[] => (file.endsWith('.mjs') ? [file] : ['--import', 'tsx', file]);
