import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../center/start-center';
import { startHttpServer } from '../../center/server/http-server';
import { sqliteEngine } from './support/engines';
import { seedUsers } from './support/seed';
import { addBranchUser } from './support/console-client';

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// center/README.md "Web console": the session cookie is Secure whenever the centre serves TLS.
describe.skipIf(!haveOpenssl())('console cookie under TLS', () => {
  it('over HTTPS the session cookie is Secure, HttpOnly and SameSite=Strict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huifang-console-tls-'));
    const cert = join(dir, 'c.pem');
    const key = join(dir, 'k.pem');
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', ...subject], { stdio: 'ignore' });
    const opened = await sqliteEngine.open();
    await seedUsers(opened.store);
    await addBranchUser(opened.store, '5001', '8611');
    const server = await startHttpServer(await createContext(opened.store), { host: '127.0.0.1', port: 0, tls: { certFile: cert, keyFile: key } });
    try {
      const setCookie = await new Promise<string>((resolve, reject) => {
        const req = request(
          `${server.url}/api/console/session`,
          { method: 'POST', ca: readFileSync(cert), headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve(String(res.headers['set-cookie'] ?? '')) : reject(new Error(`status ${res.statusCode}`))));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ staffNo: '5001', password: 'secret-pass-1' }));
      });
      const attrs = setCookie.split(';').map((a) => a.trim().toLowerCase());
      expect(attrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
    } finally {
      await server.close();
      await opened.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
