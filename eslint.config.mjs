import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import rendererRules from './lint/renderer-rules.mjs';

// Folder boundaries (STYLE.md): a wrong import fails `npm test`.
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
  'zlib',
  'buffer',
  'process',
];
const noNode = NODE_BUILTINS.map((name) => ({ name, message: 'Node built-ins are not allowed in this folder.' }));
const noElectron = { name: 'electron', message: 'Only the thin adapter in main/electron (and main/index.ts, preload/index.ts) may import electron.' };
const nodePattern = { group: ['node:*'], message: 'Node built-ins are not allowed in this folder.' };
const browserGlobals = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB'].map((name) => ({
  name,
  message: 'shared/ holds no DOM code.',
}));
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({ name, message: 'No Node globals in this folder.' }));

export default defineConfig([
  { ignores: ['node_modules/', '.tmp-*/', 'out/', 'dist/', 'release/', 'bench/results/', 'test-results/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode, { name: 'react', message: 'shared/ is UI-free.' }],
          patterns: [nodePattern, { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/center/**'], message: 'shared/ depends on nothing.' }],
        },
      ],
      'no-restricted-globals': ['error', ...browserGlobals, ...nodeGlobals],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'preload/web-bridge.ts', 'preload/web-socket-transport.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode],
          patterns: [nodePattern, { group: ['**/main/**', '**/center/**'], message: 'The renderer talks to main only through window.huifang.' }],
        },
      ],
      'no-restricted-globals': ['error', ...nodeGlobals],
    },
  },
  // One owner for the cache: only renderer/data/ touches Dexie (type imports included; data/
  // re-exports what others need). A rule of its own, so folder blocks that set
  // `no-restricted-imports` cannot override it.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/data/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['dexie', 'dexie-react-hooks'].map((name) => ({
            name,
            message: 'Only renderer/data/ touches the cache: call its repositories and data hooks.',
          })),
        },
      ],
    },
  },
  // Layers (app → features → ui/data/audio/ipc/i18n) and one home for UI text: lint/renderer-rules.mjs.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { huifang: rendererRules },
    rules: { 'huifang/layers': 'error', 'huifang/no-cjk-literal': 'error' },
  },
  {
    // The catalogue itself, and the benchmark build's synthetic cases (never in the product).
    files: ['renderer/i18n/**', 'renderer/bench/**'],
    rules: { 'huifang/no-cjk-literal': 'off' },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // The web console (console/): browser code that reaches the centre only over HTTP; UI text only
  // in console/i18n/.
  {
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { huifang: rendererRules, 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode],
          patterns: [nodePattern, { group: ['**/main/**', '**/center/**', '**/renderer/**', '**/preload/**'], message: 'The console shares only shared/.' }],
        },
      ],
      'no-restricted-globals': ['error', ...nodeGlobals],
      'huifang/no-cjk-literal': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['console/i18n/**'],
    rules: { 'huifang/no-cjk-literal': 'off' },
  },
  {
    files: ['renderer/vite.config.mts', 'console/vite.config.mts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noNode, patterns: [nodePattern] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }] }],
    },
  },
  {
    files: ['center/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/renderer/**', '**/main/electron/**'], message: 'The centre is a plain-Node service.' }] },
      ],
    },
  },
]);
