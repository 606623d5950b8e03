import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../center/start-center';
import { startHttpServer } from '../../center/server/http-server';
import { sqliteEngine } from './support/engines';

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!haveOpenssl())('TLS deployment settings', () => {
  it('serves HTTPS with the given PEM files; a client trusting that certificate gets answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huifang-tls-'));
    const cert = join(dir, 'c.pem');
    const key = join(dir, 'k.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const opened = await sqliteEngine.open();
    const server = await startHttpServer(await createContext(opened.store), { host: '127.0.0.1', port: 0, tls: { certFile: cert, keyFile: key } });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((res, rej) => {
        const req = request(`${server.url}/api/health`, { ca: readFileSync(cert) }, (r) => {
          let s = '';
          r.on('data', (d: Buffer) => (s += d.toString()));
          r.on('end', () => res(s));
        });
        req.on('error', rej);
        req.end();
      });
      expect(JSON.parse(body)).toEqual({ ok: true, value: { status: 'ok', product: 'huifang-center', apiVersion: 1 } });
      // Without trusting the certificate the connection is refused: no silent downgrade.
      await expect(
        new Promise((res, rej) => {
          const req = request(`${server.url}/api/health`, (r) => res(r.statusCode));
          req.on('error', rej);
          req.end();
        }),
      ).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      await server.close();
      await opened.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
