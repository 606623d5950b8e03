import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config.mts';

// Main is ESM; the sandboxed preload must be a single self-contained CommonJS file: a sandboxed
// preload can only require('electron'), so its dependencies (zod) are bundled, not externalised.
export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: { index: 'main/index.ts' } } },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: 'preload/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: 'renderer/index.html' } },
  },
});
