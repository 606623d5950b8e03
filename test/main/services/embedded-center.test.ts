import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EmbeddedCenter, listeningUrl, nodeRuntimes } from '../../../main/services/embedded-center';

const root = path.resolve(import.meta.dirname, '../../..');
const fakeCentre = `process.stdout.write('starting\\n'); setTimeout(() => process.stdout.write(JSON.stringify({ event: 'listening', url: 'http://127.0.0.1:5555' }) + '\\n'), 50); setInterval(() => {}, 1000);`;

describe('embedded centre process', () => {
  it('reads the listening line, and stops the child with the host', async () => {
    let child: ReturnType<typeof spawn> | null = null;
    const centre = new EmbeddedCenter({
      projectRoot: root,
      dataDir: mkdtempSync(path.join(tmpdir(), 'emb-')),
      runtimes: [{ command: process.execPath, env: {} }],
      spawn: (command, _args, options) => (child = spawn(command, ['-e', fakeCentre], options)),
    });
    expect(await centre.url()).toBe('http://127.0.0.1:5555');
    expect(await centre.url()).toBe('http://127.0.0.1:5555'); // started once
    const exited = new Promise((r) => child!.once('exit', r));
    await centre.stop();
    await exited;
    expect(child!.signalCode ?? child!.exitCode).not.toBeNull();
  });

  it('falls back to the next runtime when a command does not exist', async () => {
    const used: string[] = [];
    const centre = new EmbeddedCenter({
      projectRoot: root,
      dataDir: mkdtempSync(path.join(tmpdir(), 'emb-')),
      runtimes: [
        { command: '/nonexistent/node', env: {} },
        { command: process.execPath, env: {} },
      ],
      spawn: (command, _args, options) => {
        used.push(command);
        return spawn(command, ['-e', fakeCentre], options);
      },
    });
    expect(await centre.url()).toBe('http://127.0.0.1:5555');
    expect(used).toEqual(['/nonexistent/node', process.execPath]);
    await centre.stop();
  });

  it('reports a readable error when the centre exits before listening', async () => {
    const centre = new EmbeddedCenter({
      projectRoot: root,
      dataDir: mkdtempSync(path.join(tmpdir(), 'emb-')),
      runtimes: [{ command: process.execPath, env: {} }],
      spawn: (command, _args, options) => spawn(command, ['-e', "process.stderr.write('boom'); process.exit(3)"], options),
    });
    await expect(centre.url()).rejects.toThrow(/内置案件中心已退出 \(code 3\).*boom/);
    await centre.stop();
  });

  it('inside Electron prefers a plain node (better-sqlite3 is built for it), ELECTRON_RUN_AS_NODE last', () => {
    const list = nodeRuntimes({ HUIFANG_NODE: '/opt/node/bin/node' }, { ...process.versions, electron: '45.5.0' });
    expect(list.map((r) => r.command)).toEqual(['/opt/node/bin/node', 'node', process.execPath]);
    expect(list[2].env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    expect(nodeRuntimes({}, { ...process.versions, electron: undefined } as unknown as NodeJS.ProcessVersions)).toEqual([
      { command: process.execPath, env: {} },
    ]);
  });

  it('parses only its own control line', () => {
    expect(listeningUrl('{"event":"listening","url":"http://127.0.0.1:1"}')).toBe('http://127.0.0.1:1');
    expect(listeningUrl('{"event":"error","message":"x"}')).toBeNull();
    expect(listeningUrl('centre: demo dataset seeded')).toBeNull();
  });
});
