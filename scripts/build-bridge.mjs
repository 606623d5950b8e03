// Bundles the web host's bridge (the browser counterpart of the Electron preload).
import { build } from 'esbuild';

await build({
  entryPoints: ['preload/web-bridge.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  outfile: 'out/web-bridge/bridge.js',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
