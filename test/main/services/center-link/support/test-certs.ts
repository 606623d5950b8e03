import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** PEM certificate and key. */
export interface Pem {
  readonly cert: string;
  readonly key: string;
}

/** A test CA and certificates it signed: for 127.0.0.1, for another host, and one that expired. */
export interface TestCerts {
  readonly ca: string;
  readonly localhost: Pem;
  readonly otherHost: Pem;
  readonly expired: Pem;
  /** Signed by nobody the client trusts. */
  readonly selfSigned: Pem;
}

export function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const quiet = { stdio: 'ignore' } as const;

/**
 * Makes the certificates with `openssl` (as test/center/tls.test.ts does); `openssl ca` because
 * only it takes explicit validity dates (an expired certificate) on OpenSSL 3.0.
 */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-certs-'));
  const at = (name: string) => path.join(dir, name);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=Huifang Test CA'],
    quiet,
  );
  writeFileSync(at('index.txt'), '');
  writeFileSync(at('serial'), '01\n');
  const sign = (name: string, san: string, dates: string[]): Pem => {
    execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/CN=${name}`], quiet);
    writeFileSync(
      at(`${name}.cnf`),
      [
        '[ca]',
        'default_ca = t',
        '[t]',
        `dir = ${dir}`,
        `database = ${at('index.txt')}`,
        `new_certs_dir = ${dir}`,
        `serial = ${at('serial')}`,
        'default_md = sha256',
        'policy = p',
        'x509_extensions = ext',
        'unique_subject = no',
        '[p]',
        'commonName = supplied',
        '[ext]',
        `subjectAltName = ${san}`,
      ].join('\n'),
    );
    execFileSync(
      'openssl',
      [
        'ca',
        '-batch',
        '-config',
        at(`${name}.cnf`),
        '-cert',
        at('ca.pem'),
        '-keyfile',
        at('ca.key'),
        '-in',
        at(`${name}.csr`),
        '-out',
        at(`${name}.pem`),
        ...dates,
      ],
      quiet,
    );
    return { cert: readFileSync(at(`${name}.pem`), 'utf8'), key: readFileSync(at(`${name}.key`), 'utf8') };
  };
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      at('self.key'),
      '-out',
      at('self.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    quiet,
  );
  return {
    ca: readFileSync(at('ca.pem'), 'utf8'),
    localhost: sign('localhost', 'IP:127.0.0.1', ['-days', '1']),
    otherHost: sign('centre.example.net', 'DNS:centre.example.net', ['-days', '1']),
    expired: sign('expired', 'IP:127.0.0.1', ['-startdate', '20200101000000Z', '-enddate', '20200102000000Z']),
    selfSigned: { cert: readFileSync(at('self.pem'), 'utf8'), key: readFileSync(at('self.key'), 'utf8') },
  };
}
