import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';

const root = path.resolve(import.meta.dirname, '../..');
/** validateConfiguration logs the schema's complaints only when asked; the thrown error names them. */
const quiet = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

async function load(overrides: Record<string, unknown> = {}) {
  return getConfig(root, path.join(root, 'electron-builder.yml'), overrides);
}

/**
 * The installer configuration (README → Requirements: installers are built with `npm run dist`,
 * which cannot run on our machines — Electron's download is unreachable): checked here against
 * electron-builder's own schema, and for what the packaged desk needs.
 */
describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema (the same check `npm run dist` runs first)', async () => {
    await expect(validateConfiguration(await load(), quiet)).resolves.toBeUndefined();
  });

  it('the schema check can fail: a misspelt section is refused with its name', async () => {
    await expect(validateConfiguration(await load({ nsiss: { oneClick: false } } as never), quiet)).rejects.toThrow(/nsiss/);
  });

  it('ships the built app the package’s main points at, never sources, tests or tooling', async () => {
    const config = await load();
    const main = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toBe('out/main/index.js');
    // electron-builder normalises the list into file sets; ours is one.
    const files = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!test/**', '!bench/**', '!**/*.{ts,tsx,mts}']));
    expect(config.asar).toBe(true);
  });

  it('no demo centre ships (a packaged desk asks for its centre’s address: README "Packaging"), and every file the config names exists', async () => {
    const config = await load();
    expect(config.extraResources ?? []).toEqual([]);
    const files = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(files.some((f) => f.startsWith('center'))).toBe(false);
    expect(files).toContain('!out/center/**'); // the bundle `npm run center` builds sits beside the app's
    expect(existsSync(path.join(root, config.mac!.entitlements!))).toBe(true);
    expect(existsSync(path.join(root, config.mac!.entitlementsInherit!))).toBe(true);
  });

  it('the Electron fuses stay locked: no run-as-node, no NODE_OPTIONS, no inspector flags, asar integrity checked (electron-builder.yml; Electron’s security checklist)', async () => {
    const fuses = (await load()).electronFuses!;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('Windows first: an NSIS installer in Simplified Chinese, per user, with a choosable directory', async () => {
    const config = await load();
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
    });
    expect(JSON.stringify(config.win?.target)).toContain('nsis');
  });
});
