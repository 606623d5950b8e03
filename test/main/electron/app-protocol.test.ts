import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { protocol } from '../../mocks/electron';
import { handleAppProtocol, registerAppScheme } from '../../../main/electron/app-protocol';

describe('app:// protocol: privileged scheme, traversal guard, CSP', () => {
  let serve: (request: Request) => Promise<Response>;
  let outside: string;

  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'hf-proto-'));
    const root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<html>app</html>');
    writeFileSync(path.join(root, 'assets', 'a.js'), 'console.log(1)');
    outside = path.join(base, 'secret.txt');
    writeFileSync(outside, 'top secret');
    handleAppProtocol(root, () => ['ws://127.0.0.1:5060']);
    serve = protocol.handlers.get('app') as typeof serve;
  });

  it('registers app:// as standard and secure before ready', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the renderer with a strict CSP that names the SIP proxy', async () => {
    const res = await serve(new Request('app://huifang/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<html>app</html>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5060");
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('refuses paths that escape the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const res = await serve(new Request(`app://huifang${p}`));
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('top secret');
    }
  });

  it('refuses other hosts on the scheme and missing files', async () => {
    expect((await serve(new Request('app://other/index.html'))).status).toBe(404);
    expect((await serve(new Request('app://huifang/nope.js'))).status).toBe(404);
  });
});
