import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** Renderer build, shared by electron-vite (Electron) and the web host (`npm run build:web`). */
export const rendererConfig = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    minify: true,
    sourcemap: false,
  },
};

/**
 * `--mode bench` (`npm run build:web:bench`) builds the renderer with the benchmark hooks into its
 * own directory, so a bench build can never be mistaken for, or overwrite, the production one.
 */
export default defineConfig(({ mode }) =>
  mode === 'bench'
    ? { ...rendererConfig, build: { ...rendererConfig.build, outDir: fileURLToPath(new URL('../out/renderer-bench', import.meta.url)) } }
    : rendererConfig,
);
