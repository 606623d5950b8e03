import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The benchmark hooks (renderer/bench/dev-hooks.tsx) clear the case cache and the queue, so a desk
 * must not ship them: anyone opening DevTools could wipe an agent's cache. Build the renderer as
 * `npm run build:web` does and as `npm run build:web:bench` does, and look for the hooks' code.
 */

/** Strings the hooks' code keeps through minification (a global and property names). */
const HOOK_MARKERS = ['__huifangDev', 'dexieVsIdb', 'wizardKeypress', 'bench-idb-'];

const work = mkdtempSync(path.join(tmpdir(), 'huifang-bundle-'));

/** Builds the renderer in `mode` into a fresh directory; returns every emitted file's text. */
function buildRenderer(mode: 'production' | 'bench'): string {
  const outDir = path.join(work, mode);
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.mts', '--mode', mode, '--outDir', outDir, '--logLevel', 'error'],
    { stdio: 'pipe' },
  );
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  return files.map((f) => `/* ${f.name} */\n${readFileSync(path.join(f.parentPath, f.name), 'utf8')}`).join('\n');
}

const markersIn = (bundle: string) => HOOK_MARKERS.filter((m) => bundle.includes(m));

describe('renderer bundle', () => {
  let production = '';
  let bench = '';
  beforeAll(() => {
    production = buildRenderer('production');
    bench = buildRenderer('bench');
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a production build holds none of the benchmark hooks, not even as a lazy chunk', () => {
    expect(production).toContain('回访'); // the build did emit the app
    expect(markersIn(production)).toEqual([]);
    expect(production).not.toMatch(/dev-hooks/);
  });

  it('the bench build does hold them (so the check above can fail)', () => {
    expect(markersIn(bench)).toEqual(HOOK_MARKERS);
    expect(bench).toMatch(/dev-hooks/);
  });
});
