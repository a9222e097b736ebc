import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestCertificate, spkiHash } from '../../http/testing/test-certificate';
import { sleep, systemClock } from '../../common/util/clock';
import { run } from './netns';

export interface Coturn {
  /** coturn's static-auth-secret (the platform's TURN_SECRET). */
  readonly secret: string;
  /** The TLS/TCP listener, as a TURN URL for TURN_URLS. */
  readonly tlsUrl: string;
  readonly tlsPort: number;
  /** SHA-256 of the TLS certificate's public key (base64), for Chromium to accept it. */
  readonly spki: string;
  /** Everything coturn logged (allocations, refusals). */
  log(): string;
  stop(): Promise<void>;
}

export const TURN_TLS_PORT = 5349;

/**
 * A test certificate for TURN's TLS listener (http/testing/test-certificate.ts) for the platform's
 * address and the name turn.kiosk.test, valid one day, with its SPKI SHA-256 (base64), which the
 * test's Chromium is told to accept.
 */
function turnCertificate(dir: string, ip: string): { cert: string; key: string; spki: string } {
  const { certFile, keyFile } = makeTestCertificate(dir, { name: 'turn.kiosk.test', ips: [ip], file: 'turn' });
  return { cert: certFile, key: keyFile, spki: spkiHash(certFile) };
}

/**
 * Debian's coturn inside the platform's namespace with a generated config: `use-auth-secret` with
 * a random secret, a TLS/TCP listener on TURN_TLS_PORT with the test certificate, relays on the
 * platform's address, its database and pid file in the test's folder. Resolves once it listens.
 */
export async function startCoturn(options: { ns: string; ip: string; dir: string }): Promise<Coturn> {
  const secret = randomBytes(24).toString('base64url');
  const { cert, key, spki } = turnCertificate(options.dir, options.ip);
  const config = join(options.dir, 'turnserver.conf');
  writeFileSync(
    config,
    [
      `listening-ip=${options.ip}`,
      `relay-ip=${options.ip}`,
      'listening-port=3478',
      `tls-listening-port=${TURN_TLS_PORT}`,
      'min-port=49160',
      'max-port=49400',
      'use-auth-secret',
      `static-auth-secret=${secret}`,
      'realm=kiosk.test',
      `cert=${cert}`,
      `pkey=${key}`,
      `userdb=${join(options.dir, 'turndb')}`,
      `pidfile=${join(options.dir, 'turnserver.pid')}`,
      'no-cli',
      'no-dtls',
      'fingerprint',
      'simple-log',
      // Logs each session with its username (the tests read it).
      'verbose',
      'log-file=stdout',
      '',
    ].join('\n'),
  );
  const child = spawn('ip', ['netns', 'exec', options.ns, 'turnserver', '-c', config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!/Total General servers/.test(output) || !listening(options.ns, TURN_TLS_PORT)) {
    if (child.exitCode !== null) throw new Error(`coturn exited with ${child.exitCode}:\n${output.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`coturn did not listen on ${TURN_TLS_PORT} in time:\n${output.slice(-2000)}`);
    }
    await sleep(systemClock, 100);
  }
  return {
    secret,
    spki,
    tlsPort: TURN_TLS_PORT,
    tlsUrl: `turns:${options.ip}:${TURN_TLS_PORT}?transport=tcp`,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function listening(ns: string, port: number): boolean {
  return run('ip', ['netns', 'exec', ns, 'ss', '-Hltn', `sport = :${port}`]).trim() !== '';
}
