import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload can only require('electron'): any other require fails at runtime and the
 * window gets no `window.huifang`. Build the real Electron bundles and check what the preload needs.
 */
describe('Electron build', () => {
  it('produces a self-contained CommonJS preload that requires nothing but electron', () => {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'pipe' });
    const preload = readFileSync('out/preload/index.cjs', 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    // The main bundle is ESM and loads the preload from the path main/index.ts expects.
    const main = readFileSync('out/main/index.js', 'utf8');
    expect(main).toContain('preload/index.cjs');
  }, 120_000);
});
