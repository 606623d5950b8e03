// Bundles the case centre for plain Node: `npm run center` runs out/center/cli.mjs, not the sources
// through the tsx loader. The loader costs every centre process 35–50 MB of resident memory (its hooks
// thread and the transpiled sources), a sixth of what an import of 100 000 rows may take in all
// (bench/import-memory.bench.ts measures its child bundled the same way). Packages stay outside the
// bundle and load from node_modules as they would under tsx, native better-sqlite3 included — except
// those plain Node cannot load as published.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** chinese-days' ES build imports its JSON without `with { type: 'json' }`, which only a loader accepts. */
const BUNDLED_PACKAGES = new Set(['chinese-days']);
const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// `node scripts/build-center.mjs [entry outfile]`: the centre's command line by default; the import
// memory bench bundles its child the same way.
const [entry = 'center/cli.ts', outfile = 'out/center/cli.mjs'] = process.argv.slice(2);
await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile: path.resolve(root, outfile),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // Readable stack traces in the centre's log without source maps held in memory.
  minify: false,
  keepNames: true,
  logLevel: 'warning',
});
