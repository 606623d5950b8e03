import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real small file system (tmpfs) for tests of a full disk: writes past its size fail with ENOSPC. */
export interface SmallDisk {
  readonly dir: string;
  /** Changes the size (bytes) and the number of files it may hold; `files: 'used'` allows no new file. */
  resize(bytes: number, files?: number | 'used'): void;
  unmount(): void;
}

/**
 * Mounts a tmpfs of `bytes` at a fresh directory. Needs root with mount rights (CI and these
 * machines run as root); elsewhere answers null and the caller skips its full-disk tests.
 */
export function mountSmallDisk(bytes: number): SmallDisk | null {
  const dir = mkdtempSync(join(tmpdir(), 'huifang-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    resize(size, files) {
      const s = statfsSync(dir);
      const inodes = files === 'used' ? s.files - s.ffree : (files ?? 65536);
      execFileSync('mount', ['-o', `remount,size=${size},nr_inodes=${inodes}`, dir], { stdio: 'ignore' });
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True where `mountSmallDisk` works (checked once by mounting and unmounting a tiny one). */
export const canMountSmallDisk: boolean = (() => {
  const probe = mountSmallDisk(64 * 1024);
  probe?.unmount();
  return probe !== null;
})();
