import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCentreAddress } from '../../../../main/services/center-link/check-centre-address';
import { startHttpServer } from '../../../../center/server/http-server';
import { createContext } from '../../../../center/start-center';
import { sqliteEngine } from '../../../center/support/engines';
import { startTestCenter, type TestCenter } from '../../../center/support/in-process-center';
import { haveOpenssl, makeTestCerts, type Pem, type TestCerts } from './support/test-certs';

/** Real servers on loopback; each closed after the file. */
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function listen(server: Server | ReturnType<typeof createTcp>): Promise<number> {
  // Open sockets (keep-alive, the server that never answers) would hold `close` up.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  server.on('secureConnection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

/** An HTTPS server answering every request with `status` and `body`. */
async function httpsServer(pem: Pem, status = 200, body = '{"ok":true,"value":{"status":"ok"}}'): Promise<string> {
  const server = createHttps({ cert: pem.cert, key: pem.key }, (_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  return `https://127.0.0.1:${await listen(server as unknown as Server)}`;
}

// README "The case centre address": an address is checked before it is kept — reachable, TLS
// valid, really a Huifang centre — with a clear error for each failure.
describe('checking a centre address before the desk keeps it', () => {
  let centre: TestCenter;

  beforeAll(async () => {
    centre = await startTestCenter();
    closers.push(() => centre.close());
  });

  it('a real centre on plain HTTP on this machine passes, normalised to its origin', async () => {
    expect(await checkCentreAddress(`  ${centre.url}/some/path?x=1 `)).toEqual({ ok: true, url: centre.url });
    const port = new URL(centre.url).port;
    expect(await checkCentreAddress(`http://localhost:${port}`)).toEqual({ ok: true, url: `http://localhost:${port}` });
  });

  it('text that is not an http(s) URL is refused without any network', async () => {
    for (const raw of ['centre.example.net', '', 'ftp://centre.example.net', 'file:///etc/passwd', 'https://user:pw@centre.example.net']) {
      expect(await checkCentreAddress(raw), raw).toMatchObject({ ok: false, problem: 'not_a_url' });
    }
  });

  it('plain HTTP to a remote host is refused (tokens and personal data would travel in clear)', async () => {
    for (const raw of ['http://centre.example.net:7441', 'http://10.0.0.5', 'http://[fe80::1]:7441']) {
      expect(await checkCentreAddress(raw), raw).toMatchObject({ ok: false, problem: 'plain_http_remote' });
    }
  });

  it('a closed port is "connection refused"', async () => {
    const server = createTcp();
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await checkCentreAddress(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, problem: 'connection_refused' });
  });

  it('a host name that does not resolve is a DNS failure', async () => {
    // .invalid never resolves (RFC 6761).
    expect(await checkCentreAddress('https://huifang-centre.invalid')).toMatchObject({ ok: false, problem: 'dns_failed' });
  });

  it('a server that accepts the connection and never answers is a timeout', async () => {
    const port = await listen(createTcp(() => undefined));
    expect(await checkCentreAddress(`http://127.0.0.1:${port}`, { timeoutMs: 300 })).toMatchObject({ ok: false, problem: 'timeout' });
  });

  it('a web server that answers 200 with something else, or 404, is not a Huifang centre', async () => {
    const other = createHttp((req, res) => {
      if (req.url === '/api/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"value":{"status":"ok"}}');
      else res.writeHead(404).end();
    });
    const port = await listen(other);
    expect(await checkCentreAddress(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, problem: 'not_a_centre' });
    const html = await listen(createHttp((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>welcome</html>')));
    expect(await checkCentreAddress(`http://127.0.0.1:${html}`)).toMatchObject({ ok: false, problem: 'not_a_centre', detail: 'answer is not JSON' });
    const missing = await listen(createHttp((_req, res) => res.writeHead(404).end('not found')));
    expect(await checkCentreAddress(`http://127.0.0.1:${missing}`)).toEqual({ ok: false, problem: 'not_a_centre', detail: 'HTTP 404' });
  });

  describe.skipIf(!haveOpenssl())('over TLS', () => {
    let certs: TestCerts;
    beforeAll(() => {
      certs = makeTestCerts();
    });

    it('a real centre over HTTPS with a trusted certificate for its host passes', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'huifang-tls-centre-'));
      writeFileSync(path.join(dir, 'c.pem'), certs.localhost.cert);
      writeFileSync(path.join(dir, 'k.pem'), certs.localhost.key);
      const opened = await sqliteEngine.open();
      const server = await startHttpServer(await createContext(opened.store), {
        host: '127.0.0.1',
        port: 0,
        tls: { certFile: path.join(dir, 'c.pem'), keyFile: path.join(dir, 'k.pem') },
      });
      closers.push(async () => {
        await server.close();
        await opened.dispose();
      });
      expect(await checkCentreAddress(server.url, { ca: certs.ca })).toEqual({ ok: true, url: server.url });
    });

    it('a certificate for another host name is refused as such', async () => {
      const url = await httpsServer(certs.otherHost);
      expect(await checkCentreAddress(url, { ca: certs.ca })).toMatchObject({
        ok: false,
        problem: 'tls_wrong_host',
        detail: expect.stringContaining('ERR_TLS_CERT_ALTNAME_INVALID'),
      });
    });

    it('a self-signed certificate (unknown issuer) is refused as untrusted', async () => {
      const url = await httpsServer(certs.selfSigned);
      expect(await checkCentreAddress(url, { ca: certs.ca })).toMatchObject({ ok: false, problem: 'tls_untrusted' });
      // Nor does the runtime's own store trust it.
      expect(await checkCentreAddress(url)).toMatchObject({ ok: false, problem: 'tls_untrusted' });
    });

    it('an expired certificate is refused as expired', async () => {
      const url = await httpsServer(certs.expired);
      expect(await checkCentreAddress(url, { ca: certs.ca })).toMatchObject({ ok: false, problem: 'tls_expired' });
    });

    it('an HTTPS server with a valid certificate that is not a centre is not a Huifang centre', async () => {
      const url = await httpsServer(certs.localhost, 200, '{"status":"UP"}');
      expect(await checkCentreAddress(url, { ca: certs.ca })).toMatchObject({ ok: false, problem: 'not_a_centre' });
    });

    it('https:// to a plain-HTTP centre is a TLS failure, not a hang', async () => {
      expect(await checkCentreAddress(centre.url.replace('http:', 'https:'), { timeoutMs: 3000 })).toMatchObject({ ok: false, problem: 'tls_invalid' });
    });
  });
});
