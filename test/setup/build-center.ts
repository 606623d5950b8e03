import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Global set-up of the centre and end-to-end projects: bundles the centre once, as `npm run center`
 * does (scripts/build-center.mjs), so every test that starts a centre process runs the code users run
 * — out/center/cli.mjs under plain Node — and none races another rebuilding it.
 */
export default function buildCentre(): void {
  execFileSync(process.execPath, ['scripts/build-center.mjs'], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: 'inherit' });
}
