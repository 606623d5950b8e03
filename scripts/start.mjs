// `npm start`: the desk in Electron when Electron's binary is there (or can be fetched now), else the
// same app through the web host, announced in one line instead of Electron's stack trace. Machines
// without access to Electron's download site (build servers, locked-down networks) still get a
// working desk: `npm run web` is what this falls back to.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json', { paths: [root] }));

/** The Electron executable if it is installed, without triggering the package's own download. */
function electronBinary() {
  if (process.env.HUIFANG_START_NO_ELECTRON) return null; // tests of the fall-back on machines that have Electron
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const full = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(electronDir, 'dist', relative);
  return existsSync(full) ? full : null;
}

/** Fetches the binary once (npm may have skipped Electron's install script); answers why it failed. */
function fetchElectron() {
  if (process.env.HUIFANG_START_NO_ELECTRON) return 'HUIFANG_START_NO_ELECTRON is set';
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 600_000 });
  if (r.status === 0) return null;
  const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim());
  return lines.find((l) => /error/i.test(l)) ?? lines.find(Boolean) ?? `exit code ${r.status}`;
}

/** Runs an npm script, inheriting the terminal; resolves with its exit code. */
function npmRun(script, args = []) {
  return new Promise((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  });
}

let binary = electronBinary();
let why = null;
if (!binary) {
  why = fetchElectron();
  binary = why ? null : electronBinary();
}
if (binary) {
  const built = await npmRun('build');
  if (built !== 0) process.exit(built);
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(
    `Electron 运行文件无法获取（${why ?? 'not installed'}）：改用网页宿主运行同一应用，请在浏览器中打开下面的地址。 ` +
      `Electron's binary is unavailable, serving the same app through the web host instead.\n`,
  );
  process.exit(await npmRun(process.env.HUIFANG_START_SKIP_BUILD ? 'web:serve' : 'web'));
}
