import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** The web console's build (`npm run build:console`), served by the centre at /console/. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/console', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    minify: true,
    sourcemap: false,
    // antd is one large chunk by design; the console is an intranet page loaded once a session.
    chunkSizeWarningLimit: 2000,
  },
});
