import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench [filter…]`: runs every `bench/*.bench.ts`, prints one JSON object per figure
 * (`{"name","value","unit"}`) and writes them all to bench/results/latest.jsonl.
 * Benchmarks print figures; they never pass or fail on a target (that is the reader's job).
 */
export type Report = (name: string, value: number, unit: string, spread?: Spread) => void;
/** Over repetitions: `value` is the median, these the extremes and the count. */
type Spread = { min: number; max: number; n: number };

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value);

const dir = path.dirname(new URL(import.meta.url).pathname);
// Every web host a bench starts serves the bench build (`npm run build:web:bench`): only it holds
// the hooks the benches drive (`window.__huifangDev`).
process.env.HUIFANG_RENDERER_DIR ??= path.resolve(dir, '../out/renderer-bench');
// Benches that start a centre run it as `npm run center` does: the bundle, rebuilt here from the sources.
execFileSync(process.execPath, [path.resolve(dir, '../scripts/build-center.mjs')], { stdio: 'inherit' });
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const lines: string[] = [];
let failures = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: (report: Report) => Promise<void> };
  const report: Report = (name, value, unit, spread) => {
    const line = JSON.stringify({ name, value: round(value), unit, ...(spread && { min: round(spread.min), max: round(spread.max), n: spread.n }) });
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  try {
    await mod.default(report);
  } catch (err) {
    failures++;
    process.stderr.write(`bench ${file} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
mkdirSync(path.join(dir, 'results'), { recursive: true });
writeFileSync(path.join(dir, 'results', 'latest.jsonl'), lines.join('\n') + (lines.length ? '\n' : ''));
process.stderr.write(`${lines.length} figure(s) from ${files.length} bench file(s) → bench/results/latest.jsonl\n`);
process.exit(failures ? 1 : 0);
