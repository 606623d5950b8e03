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

export default defineConfig(rendererConfig);
