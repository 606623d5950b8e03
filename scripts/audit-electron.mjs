// `npm run audit:electron`: electronegativity as an advisory report over the Electron sources.
// Advisory findings are printed; findings in the checks we treat as mandatory fail the run.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MANDATORY = ['CONTEXT_ISOLATION', 'NODE_INTEGRATION', 'SANDBOX', 'WEB_SECURITY', 'PERMISSION_REQUEST_HANDLER'];
const bin = path.resolve('node_modules/.bin/electronegativity');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

// Global checks (CSP, navigation limits, permission handler) need the whole app in one scan.
const work = mkdtempSync(path.join(tmpdir(), 'egty-'));
const app = path.join(work, 'app');
for (const part of ['main', 'preload', 'renderer/index.html']) cpSync(part, path.join(app, part), { recursive: true });
const out = path.join(work, 'report.csv');
execFileSync(bin, ['-i', app, '-o', out, '-r', '-v', 'false', '-e', electronVersion], { stdio: ['ignore', 'ignore', 'ignore'] });
const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
console.log(`electronegativity ${electronVersion}: ${rows.length} finding(s) over main/, preload/, renderer/index.html`);
let failed = 0;
{
  for (const row of rows) {
    const check = row.split(',')[0];
    const mandatory = MANDATORY.some((m) => check.startsWith(m));
    if (mandatory) failed++;
    console.log(`${mandatory ? 'FAIL' : 'note'}  ${row}`);
  }
}
console.log(`\nmandatory checks (${MANDATORY.join(', ')}): ${failed === 0 ? '0 findings' : `${failed} finding(s)`}`);
process.exit(failed === 0 ? 0 : 1);
