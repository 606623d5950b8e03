import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { installFakeHuifang } from './fake-huifang';

// Every renderer test starts with a fresh fake host API; tests override handlers as needed.
installFakeHuifang();
afterEach(() => {
  cleanup();
  installFakeHuifang();
});
