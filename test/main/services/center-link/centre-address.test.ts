import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptAddress, machineConfigPath, readMachineConfig, resolveCentreAddress } from '../../../../main/services/center-link/centre-address';

function dir(): string {
  return mkdtempSync(path.join(tmpdir(), 'centre-address-'));
}

function machineFile(content: string | null): string {
  const file = path.join(dir(), 'config.json');
  if (content !== null) writeFileSync(file, content);
  return file;
}

// README "The case centre address": HUIFANG_CENTER_URL (development) > the machine-wide file IT
// deploys > the address kept at this desk > the embedded demo centre > none.
describe('where the centre address comes from', () => {
  it('the machine-wide file lives where IT deploys it on each platform; HUIFANG_MACHINE_CONFIG replaces it for tests', () => {
    expect(machineConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Huifang\\config.json');
    expect(machineConfigPath('win32', {})).toBe('C:\\ProgramData\\Huifang\\config.json');
    expect(machineConfigPath('linux', {})).toBe('/etc/huifang/config.json');
    expect(machineConfigPath('darwin', {})).toBe('/Library/Application Support/Huifang/config.json');
    expect(machineConfigPath('linux', { HUIFANG_MACHINE_CONFIG: '/tmp/x.json' })).toBe('/tmp/x.json');
  });

  it('the environment wins over the machine-wide file, which wins over the kept address', async () => {
    const k = new KeptAddress(path.join(dir(), 'kept.json'));
    await k.keep('https://kept.example.net:7441');
    const file = machineFile('{"centerUrl":"https://centre.example.net:7441/"}');
    expect(await resolveCentreAddress({ envUrl: 'http://127.0.0.1:7100', machineFile: file, kept: k, embeddedAvailable: true })).toEqual({
      source: 'env',
      url: 'http://127.0.0.1:7100',
      change: 'fixed',
      machineFile: file,
      machineFileError: null,
    });
    expect(await resolveCentreAddress({ envUrl: ' ', machineFile: file, kept: k, embeddedAvailable: true })).toMatchObject({
      source: 'machine',
      url: 'https://centre.example.net:7441',
      change: 'fixed',
    });
    expect(await resolveCentreAddress({ machineFile: machineFile(null), kept: k, embeddedAvailable: true })).toMatchObject({
      source: 'kept',
      url: 'https://kept.example.net:7441',
      change: 'admin',
    });
  });

  it('with no address: the embedded demo centre where its sources are, else none; anyone may enter the first address', async () => {
    const none = new KeptAddress(path.join(dir(), 'kept.json'));
    const absent = machineFile(null);
    expect(await resolveCentreAddress({ machineFile: absent, kept: none, embeddedAvailable: true })).toEqual({
      source: 'embedded',
      url: null,
      change: 'open',
      machineFile: absent,
      machineFileError: null,
    });
    expect(await resolveCentreAddress({ machineFile: machineFile(null), kept: none, embeddedAvailable: false })).toMatchObject({
      source: 'none',
      change: 'open',
    });
  });

  it('a malformed machine-wide file is reported with its path and skipped, never a crash', async () => {
    const none = new KeptAddress(path.join(dir(), 'kept.json'));
    const cases: [string, string][] = [
      ['{"centerUrl": "https://centre.example.net",', 'not_json'],
      ['{"centreUrl": "https://centre.example.net"}', 'bad_shape'],
      ['["https://centre.example.net"]', 'bad_shape'],
      ['{"centerUrl": "centre.example.net"}', 'bad_url'],
      ['{"centerUrl": "http://centre.example.net:7441"}', 'plain_http_remote'],
    ];
    for (const [content, problem] of cases) {
      const file = machineFile(content);
      expect(await resolveCentreAddress({ machineFile: file, kept: none, embeddedAvailable: false }), content).toMatchObject({
        source: 'none',
        machineFile: file,
        machineFileError: { problem },
      });
    }
    // A directory where the file should be cannot be read.
    const asDir = machineFile(null);
    mkdirSync(asDir);
    expect(await readMachineConfig(asDir)).toMatchObject({ kind: 'error', problem: 'unreadable', detail: 'EISDIR' });
  });

  it('a file written with a byte-order mark (Notepad, PowerShell) and with other settings still reads', async () => {
    const file = machineFile('\uFEFF{"centerUrl":"https://centre.example.net:7441","proxy":"x"}');
    expect(await readMachineConfig(file)).toEqual({ kind: 'ok', url: 'https://centre.example.net:7441' });
  });

  it('a kept address that no longer reads as one counts as none', async () => {
    const file = path.join(dir(), 'kept.json');
    writeFileSync(file, '{"centerUrl":"http://centre.example.net"}');
    expect(await new KeptAddress(file).read()).toBeNull();
    writeFileSync(file, 'garbage');
    expect(await new KeptAddress(file).read()).toBeNull();
  });
});
