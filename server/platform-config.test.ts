import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../http/testing/test-certificate';
import { isLoopbackHost, readPlatformConfig, type PlatformFlags } from './platform-config';
import { testSigningEnv } from './prescriptions/testing/signing-certificate';

const DEV: PlatformFlags = {
  host: '127.0.0.1',
  port: '8480',
  dev: true,
  serve: false,
  testHooks: false,
  devKiosks: [],
};
const SERVE: PlatformFlags = { ...DEV, dev: false, serve: true };
const KEY = { PLATFORM_PRESCRIPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
const PSC_SECRET = 'a-32-character-client-secret-xyz';
const SIGNING = testSigningEnv(mkdtempSync(join(tmpdir(), 'platform-config-signing-')));
const PSC = {
  PSC_ISSUER: 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet',
  PSC_CLIENT_ID: 'teleconsultation-kiosk',
  PSC_CLIENT_SECRET: PSC_SECRET,
};

/** The error readPlatformConfig throws, as its lines. */
function refusal(flags: PlatformFlags, env: NodeJS.ProcessEnv): string[] {
  try {
    readPlatformConfig(flags, env);
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('readPlatformConfig', () => {
  it('development: loopback, plain HTTP, the development key, no public URL', () => {
    const config = readPlatformConfig(DEV, {});
    expect(config).toMatchObject({ mode: 'dev', host: '127.0.0.1', port: 8480, publicUrl: null, tls: null });
    expect(config.trustProxy).toEqual([]);
    expect(config.prescriptionKey.length).toBe(32);
    expect(config).toMatchObject({ passwordSignIn: true, proSanteConnect: null });
  });

  it("refuses a production start without Pro Santé Connect, the doctors' only sign-in there", () => {
    expect(refusal(SERVE, { ...KEY, PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org' })).toContain(
      'Pro Santé Connect: PSC_ISSUER, PSC_CLIENT_ID, PSC_CLIENT_SECRET are required in production (doctors sign in only through Pro Santé Connect there)',
    );
  });

  it('names each wrong Pro Santé Connect value at once, never echoing the secret', () => {
    const lines = refusal(SERVE, {
      ...KEY,
      ...SIGNING,
      PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org',
      PLATFORM_TRUST_PROXY: '10.0.0.2',
      PSC_ISSUER: 'http://auth.example.org/realm',
      PSC_CLIENT_ID: 'two words',
      PSC_CLIENT_SECRET: 'short-secret',
    });
    expect(lines).toEqual([
      'bad configuration, nothing started:',
      'Pro Santé Connect configuration:',
      '  PSC_ISSUER: expected https://…, got "http://auth.example.org/realm"',
      '  PSC_CLIENT_ID: expected printable characters without spaces, got "two words"',
      '  PSC_CLIENT_SECRET: at least 16 characters, got 12',
    ]);
    // Development takes a local test provider over http, but still wants all three values.
    expect(refusal(DEV, { PSC_ISSUER: 'http://127.0.0.1:9000', PSC_CLIENT_SECRET: ` ${PSC_SECRET}` })).toEqual([
      'bad configuration, nothing started:',
      'Pro Santé Connect configuration:',
      '  PSC_CLIENT_ID: required (the client id Pro Santé Connect gave this platform)',
      "  PSC_CLIENT_SECRET: starts or ends with a space (copied with the line's blanks?)",
    ]);
    expect(
      refusal(DEV, { PSC_CLIENT_ID: 'x', PSC_CLIENT_SECRET: PSC_SECRET, PSC_ISSUER: 'https://a.example/?realm=1' }),
    ).toContain('  PSC_ISSUER: expected the issuer identifier (scheme, host, path), got "https://a.example/?realm=1"');
    expect(refusal(DEV, { PSC_CLIENT_ID: 'x', PSC_CLIENT_SECRET: PSC_SECRET })).toContain(
      '  PSC_ISSUER: required with PSC_CLIENT_ID and PSC_CLIENT_SECRET (the issuer URL)',
    );
    const dev = readPlatformConfig(DEV, { ...PSC, PSC_ISSUER: 'http://127.0.0.1:9000' });
    expect(dev).toMatchObject({ passwordSignIn: true, proSanteConnect: { issuer: 'http://127.0.0.1:9000' } });
  });

  it('escalates unacknowledged pharmacist alerts after 60 s unless PLATFORM_ALERT_ESCALATION_SECONDS says otherwise', () => {
    expect(readPlatformConfig(DEV, {}).alertEscalationMs).toBe(60_000);
    expect(readPlatformConfig(DEV, { PLATFORM_ALERT_ESCALATION_SECONDS: '5' }).alertEscalationMs).toBe(5_000);
    for (const bad of ['0', '1.5', 'soon', '601'])
      expect(refusal(DEV, { PLATFORM_ALERT_ESCALATION_SECONDS: bad })).toContain(
        `PLATFORM_ALERT_ESCALATION_SECONDS: expected whole seconds from 1 to 600, got "${bad}"`,
      );
  });

  it('holds a called-back place 10 min unless PLATFORM_CALLBACK_HOLD_MINUTES says otherwise', () => {
    expect(readPlatformConfig(DEV, {}).callbackHoldMs).toBe(600_000);
    expect(readPlatformConfig(DEV, { PLATFORM_CALLBACK_HOLD_MINUTES: '15' }).callbackHoldMs).toBe(900_000);
    for (const bad of ['0', '2.5', 'later', '61'])
      expect(refusal(DEV, { PLATFORM_CALLBACK_HOLD_MINUTES: bad })).toContain(
        `PLATFORM_CALLBACK_HOLD_MINUTES: expected whole minutes from 1 to 60, got "${bad}"`,
      );
  });

  it('keeps the records in SQLite unless PLATFORM_DATABASE_URL names a PostgreSQL database, never echoing it', () => {
    expect(readPlatformConfig(DEV, {}).databaseUrl).toBeNull();
    const url = 'postgres://platform:s3cret@db.internal:5432/records';
    expect(readPlatformConfig(DEV, { PLATFORM_DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(refusal(DEV, { PLATFORM_DATABASE_URL: 'mysql://platform:s3cret@db/records' })).toContain(
      'PLATFORM_DATABASE_URL: expected postgres://…, got a mysql: URL',
    );
    expect(refusal(DEV, { PLATFORM_DATABASE_URL: 'postgres://platform:s3cret@db.internal' })).toContain(
      'PLATFORM_DATABASE_URL: no database name after the host (postgres://…@db.internal/database)',
    );
    expect(refusal(DEV, { PLATFORM_DATABASE_URL: 'db.internal/records' }).join('\n')).toMatch(
      /PLATFORM_DATABASE_URL: not a URL/,
    );
    expect(refusal(DEV, { PLATFORM_DATABASE_URL: 'postgres://u:s3cret@/records' }).join('\n')).not.toMatch(/s3cret/);
  });

  it('runs one node unless PLATFORM_REDIS_URL names a Redis, and checks PLATFORM_NODE_ID', () => {
    expect(readPlatformConfig(DEV, {}).redisUrl).toBeNull();
    expect(readPlatformConfig(DEV, { PLATFORM_REDIS_URL: 'redis://bus.internal:6379' }).redisUrl).toBe(
      'redis://bus.internal:6379',
    );
    expect(refusal(DEV, { PLATFORM_REDIS_URL: 'http://bus.internal' })).toContain(
      'PLATFORM_REDIS_URL: expected redis://…, got a http: URL',
    );
    expect(readPlatformConfig(DEV, { PLATFORM_NODE_ID: 'node-a' }).nodeId).toBe('node-a');
    expect(refusal(DEV, { PLATFORM_NODE_ID: 'node a/b' })).toContain(
      'PLATFORM_NODE_ID: letters, digits, dot, dash or underscore, at most 64',
    );
  });

  it('production with TLS files and an https public URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-config-'));
    const files = makeTestCertificate(dir, { name: 'teleconsultation.example.org' });
    const config = readPlatformConfig(SERVE, {
      ...KEY,
      ...PSC,
      ...SIGNING,
      PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org/',
      PLATFORM_TLS_CERT: files.certFile,
      PLATFORM_TLS_KEY: files.keyFile,
    });
    expect(config).toMatchObject({ mode: 'serve', publicUrl: 'https://teleconsultation.example.org', tls: files });
    // Production: Pro Santé Connect only, never the password.
    expect(config.passwordSignIn).toBe(false);
    expect(config.proSanteConnect).toEqual({
      issuer: PSC.PSC_ISSUER,
      clientId: PSC.PSC_CLIENT_ID,
      clientSecret: PSC_SECRET,
    });
  });

  it('refuses a production public URL only this machine reaches, and a start without the signing certificate', () => {
    for (const url of ['https://localhost', 'https://127.0.0.1:8443', 'https://[::1]', 'https://kiosk.localhost'])
      expect(refusal(SERVE, { ...KEY, ...PSC, ...SIGNING, PLATFORM_PUBLIC_URL: url }).join('\n')).toMatch(
        /PLATFORM_PUBLIC_URL: ".+" is this machine only: kiosks and doctors elsewhere could never reach it/,
      );
    expect(refusal(SERVE, { ...KEY, ...PSC, PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org' })).toContain(
      'PLATFORM_SIGNING_CERT and PLATFORM_SIGNING_KEY: required in production (the certificate and key, PEM, that sign the prescription PDFs)',
    );
    // Development keeps loopback and unsigned PDFs.
    expect(readPlatformConfig(DEV, { PLATFORM_PUBLIC_URL: 'http://127.0.0.1:8480' })).toMatchObject({
      publicUrl: 'http://127.0.0.1:8480',
      pdfSigner: null,
    });
  });

  it('tells loopback names from the names of other machines', () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'a.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '[::1]',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      'teleconsultation.example.org',
      '10.0.0.2',
      '192.168.1.10',
      '[fd00::1]',
      'localhost.example.org',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('production behind a named proxy, which terminates TLS', () => {
    const config = readPlatformConfig(SERVE, {
      ...KEY,
      ...PSC,
      ...SIGNING,
      PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org',
      PLATFORM_TRUST_PROXY: '10.0.0.2, 10.1.0.0/16, fd00::1',
    });
    expect(config.trustProxy).toEqual(['10.0.0.2', '10.1.0.0/16', 'fd00::1']);
    expect(config.tls).toBeNull();
  });

  it('names each wrong public URL, TLS and proxy value at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-config-'));
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    const lines = refusal(SERVE, {
      ...KEY,
      PLATFORM_PUBLIC_URL: 'http://teleconsultation.example.org',
      PLATFORM_TLS_CERT: notPem,
      PLATFORM_TLS_KEY: notPem,
      PLATFORM_TRUST_PROXY: '10.0.0.2,0.0.0.0/0,*',
    });
    expect(lines).toContain('PLATFORM_PUBLIC_URL: expected https://…, got "http://teleconsultation.example.org"');
    expect(lines.some((line) => line.startsWith(`PLATFORM_TLS_CERT / PLATFORM_TLS_KEY: ${notPem}: no PEM block`))).toBe(
      true,
    );
    expect(lines).toContain(
      'PLATFORM_TRUST_PROXY: expected the proxies\' IP addresses or CIDR blocks, comma-separated; not "0.0.0.0/0", "*"',
    );
  });

  it('wants both TLS files, an origin-only public URL, and refuses a missing certificate file', () => {
    expect(refusal(DEV, { PLATFORM_TLS_CERT: '/nonexistent/cert.pem' })).toContain(
      'PLATFORM_TLS_CERT and PLATFORM_TLS_KEY: set both (certificate chain and its key), or neither',
    );
    expect(refusal(DEV, { PLATFORM_PUBLIC_URL: 'https://example.org/platform?x=1' })).toContain(
      'PLATFORM_PUBLIC_URL: expected an origin only (scheme, host, port), got "https://example.org/platform?x=1"',
    );
    const missing = refusal(DEV, {
      PLATFORM_TLS_CERT: '/nonexistent/cert.pem',
      PLATFORM_TLS_KEY: '/nonexistent/key.pem',
    });
    expect(missing.some((line) => line.includes('/nonexistent/cert.pem'))).toBe(true);
  });

  it('development accepts an http public URL', () => {
    expect(readPlatformConfig(DEV, { PLATFORM_PUBLIC_URL: 'http://192.168.1.5:8480' }).publicUrl).toBe(
      'http://192.168.1.5:8480',
    );
  });
});
