import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One project per environment: node for shared/main/preload/center, jsdom for the renderer,
// and the Chromium end-to-end suite (serial, long timeouts, needs `npm run build:web` first).
export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        test: {
          name: 'shared',
          environment: 'node',
          include: ['test/shared/**/*.test.ts'],
          globals: true,
        },
      },
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/preload/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/packaging/**/*.test.ts'],
          setupFiles: ['test/setup/electron-mock.ts'],
          globals: true,
        },
      },
      {
        test: {
          name: 'center',
          environment: 'node',
          include: ['test/center/**/*.test.ts'],
          globalSetup: ['test/setup/build-center.ts'],
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup/renderer.ts'],
          globals: true,
          // Whole-desk workflow tests take 1–3 s alone; on a shared 2-core machine 2–4× that. A
          // timeout here only stops a hung test — it asserts no speed (those figures live in bench/).
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'console',
          environment: 'jsdom',
          include: ['test/console/**/*.test.{ts,tsx}'],
          setupFiles: ['test/console/setup.ts'],
          globals: true,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/build-center.ts'],
          globals: true,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
    ],
  },
});
