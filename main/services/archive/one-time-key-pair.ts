import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

/** An RSA key pair the centre wraps one recording's data key for; the private half never leaves memory. */
interface OneTimeKeyPair {
  readonly publicKey: string;
  readonly privateKey: string;
}

function fresh(): Promise<OneTimeKeyPair> {
  return generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/**
 * One-time key pairs for QA's opens of archived sessions, one made ahead: generating a 2048-bit
 * pair takes 0.1–0.8 s on a desk's CPU, most of the half second QA may wait for a call to play
 * (README "Evidence archive"). `prepare` starts the next pair in the background (when QA lists the
 * centre's sessions, and after each open); `take` hands it over, once, or makes one on the spot.
 * A pair is used for a single open and then dropped, as before.
 */
export class OneTimeKeyPairs {
  private ready: Promise<OneTimeKeyPair> | null = null;

  prepare(): void {
    if (this.ready) return;
    const next = fresh();
    next.catch(() => {
      if (this.ready === next) this.ready = null;
    });
    this.ready = next;
  }

  take(): Promise<OneTimeKeyPair> {
    const pair = this.ready ?? fresh();
    this.ready = null;
    this.prepare();
    return pair;
  }
}
