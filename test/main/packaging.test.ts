import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML of a known shape, asserted field by field below
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('sets every Electron fuse explicitly, with the hardening values', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('names the product and packs Windows NSIS first, Linux AppImage+deb, macOS dmg with a microphone string', () => {
    expect(config.productName).toBe('回访坐席工作台');
    expect(config.appId).toBe('cn.huifang.workstation');
    expect(config.asar).toBe(true);
    expect(Object.keys(config).indexOf('win')).toBeLessThan(Object.keys(config).indexOf('linux'));
    expect(config.win.target[0].target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/麦克风/);
    expect(readFileSync(config.mac.entitlements, 'utf8')).toContain('com.apple.security.device.audio-input');
  });

  it('excludes sources, tests and tooling from the package', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', '!test/**', '!bench/**', '!**/*.map']));
  });
});
