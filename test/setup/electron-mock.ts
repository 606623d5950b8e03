import { vi } from 'vitest';

// `require('electron')` would try to download the binary here; every main/preload test gets the mock.
vi.mock('electron', async () => await import('../mocks/electron'));
