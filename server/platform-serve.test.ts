import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD_SIGN_IN_OFF } from '../common/signaling/doctor-sign-in';
import { PLATFORM_API } from '../common/signaling/fleet';
import { makeTestCertificate } from '../http/testing/test-certificate';
import { runAdmin } from './admin';
import { DEV_DOCTOR } from './auth/doctor-accounts';
import { startPscTestProvider, type PscTestProvider } from './auth/pro-sante-connect/testing/psc-test-provider';
import { TestBrowser } from './auth/pro-sante-connect/testing/test-browser';
import { requireMediasoupWorker } from './testing/mediasoup-stack';
import { testSigningEnv } from './prescriptions/testing/signing-certificate';

const ROOT = resolve(import.meta.dirname, '..');
const PUBLIC_URL = 'https://teleconsultation.kiosk.test';
const mediasoup = await requireMediasoupWorker();

let child: ChildProcess;
let psc: PscTestProvider;
let stderr = '';
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'platform-serve-'));
const dataDir = join(dir, 'data');
/** The records' key, in a file outside the data folder as in production. */
const dataKeyFile = join(dir, 'records.key');
writeFileSync(dataKeyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The CN of the certificate the platform presented. */
  subject: string;
}

/** One HTTPS request on a new connection, trusting only `caFile` (the test certificates are their own CA). */
function call(path: string, caFile: string, init: { method?: string; auth?: string; body?: unknown } = {}) {
  return new Promise<Answer>((done, fail) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      `${url}${path}`,
      {
        method: init.method ?? 'GET',
        ca: readFileSync(caFile),
        agent: false,
        headers: {
          ...(body && { 'content-type': 'application/json' }),
          ...(init.auth && { authorization: `Bearer ${init.auth}` }),
        },
      },
      (res) => {
        const subject = (res.socket as TLSSocket).getPeerCertificate().subject.CN?.toString() ?? '';
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text, subject }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** Resolves once the platform's stderr holds `text` after `from` (the log line of a SIGHUP reload). */
function logged(text: string, from: number): Promise<void> {
  return new Promise((done) => {
    const check = () => {
      if (!stderr.slice(from).includes(text)) return;
      child.stderr!.off('data', check);
      done();
    };
    // Registered after the listener that appends to `stderr`, so each chunk is there when checked.
    child.stderr!.on('data', check);
    check();
  });
}

const first = makeTestCertificate(dir, { name: 'platform.kiosk.test', ips: ['127.0.0.1'], file: 'live' });
const firstCa = join(dir, 'first-ca.pem');
writeFileSync(firstCa, readFileSync(first.certFile));

/** Pro Santé Connect's stand-in over https, with its own certificate the platform trusts (NODE_EXTRA_CA_CERTS). */
const pscCertificate = makeTestCertificate(dir, { name: 'psc.kiosk.test', ips: ['127.0.0.1'], file: 'psc' });

beforeAll(async () => {
  if (mediasoup.missing) return;
  psc = await startPscTestProvider({ tls: pscCertificate });
  // Where the provider sends the doctor back: the public origin, which a proxy maps to this platform.
  psc.registerRedirect(`${PUBLIC_URL}${PLATFORM_API.pscCallback}`);
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--serve', '--port', '0', '--data-dir', dataDir, '--workers', '1'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PLATFORM_PUBLIC_URL: PUBLIC_URL,
        PLATFORM_TLS_CERT: first.certFile,
        PLATFORM_TLS_KEY: first.keyFile,
        PLATFORM_PRESCRIPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
        PSC_ISSUER: psc.settings.issuer,
        PSC_CLIENT_ID: psc.settings.clientId,
        PSC_CLIENT_SECRET: psc.settings.clientSecret,
        NODE_EXTRA_CA_CERTS: pscCertificate.certFile,
        PLATFORM_DATA_KEY_FILE: dataKeyFile,
        // Production signs every prescription PDF: a start without the certificate is refused.
        ...testSigningEnv(dir),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PLATFORM_URL=(\S+)/.exec(out);
      if (match) done(match[1]!);
    });
    child.on('exit', (code) => fail(new Error(`the platform exited with ${code}:\n${stderr}`)));
  });
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await psc?.close();
});

mediasoup.describe('npm run platform:serve', () => {
  it('serves HTTPS with HSTS, without the development account, the password sign-in or the test hooks', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(stderr).toContain(`records encrypted with the PLATFORM_DATA_KEY_FILE ${dataKeyFile}`);
    const health = await call('/healthz', firstCa);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const signIn = await call(PLATFORM_API.doctorSignIn, firstCa, {
      method: 'POST',
      body: { email: DEV_DOCTOR.email, password: DEV_DOCTOR.password },
    });
    expect(signIn).toMatchObject({ status: 403 });
    expect(JSON.parse(signIn.body)).toEqual({ error: 'password-sign-in-off', message: PASSWORD_SIGN_IN_OFF });
    const methods = await call(PLATFORM_API.doctorSignInMethods, firstCa);
    expect(JSON.parse(methods.body)).toEqual({ password: false, proSanteConnect: true });
    expect((await call('/api/test/drop-media?consultation=x&peer=kiosk', firstCa, { method: 'POST' })).status).toBe(
      404,
    );
  });

  it('hands kiosks a wss signalling URL on the public origin', async () => {
    const credential = (
      await runAdmin(['kiosk-credential', 'cabine-1', '--data-dir', dataDir], { PLATFORM_DATA_KEY_FILE: dataKeyFile })
    ).trim();
    const ticket = await call(PLATFORM_API.callTickets, firstCa, {
      method: 'POST',
      auth: credential,
      body: { sessionId: randomUUID() },
    });
    expect(ticket.status).toBe(200);
    expect((JSON.parse(ticket.body) as { signalingUrl: string }).signalingUrl).toMatch(
      new RegExp(`^wss://teleconsultation\\.kiosk\\.test/`),
    );
  });

  it('signs a doctor in through Pro Santé Connect over https, by the RPPS of an account the operator added', async () => {
    const added = await runAdmin(
      [
        'add-doctor',
        '--email',
        'dr.martin@example.org',
        '--name',
        'Dr Claire Martin',
        '--rpps',
        '10000000001',
        '--specialties',
        'general-practice',
        '--territories',
        '75',
        '--data-dir',
        dataDir,
      ],
      // The accounts are in the encrypted records database: the command reads the key as the platform does.
      { PLATFORM_DATA_KEY_FILE: dataKeyFile },
    );
    expect(added).toMatch(/RPPS 10000000001: signs in with Pro Santé Connect\)$/);
    // A browser that trusts both test certificates; the public origin is this platform, as behind a proxy.
    const agent = new Agent({ connect: { ca: [readFileSync(firstCa), readFileSync(pscCertificate.certFile)] } });
    const browserFetch = ((input: URL, init: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
    const browser = new TestBrowser(browserFetch, { [PUBLIC_URL]: url });

    const callback = await browser.follow(`${url}${PLATFORM_API.pscStart}`, (next) =>
      next.pathname.endsWith(PLATFORM_API.pscCallback),
    );
    expect(callback.origin).toBe(PUBLIC_URL);
    const landed = await browser.request(callback.href);
    expect(landed.headers.get('location')).toBe('/console/?psc=signed-in');
    const collected = await browser.request(`${PUBLIC_URL}${PLATFORM_API.pscSession}`, { method: 'POST', body: {} });
    const session = (await collected.json()) as { token: string; doctor: { name: string; rpps: string } };
    expect(session.doctor).toMatchObject({ name: 'Dr Claire Martin', rpps: '10000000001' });
    expect((await call(PLATFORM_API.fleet, firstCa, { auth: session.token })).status).toBe(200);
    await agent.close();
  });

  it('takes a renewed certificate on SIGHUP, and keeps the old one when the new files are bad', async () => {
    const renewed = makeTestCertificate(dir, { name: 'renewed.kiosk.test', ips: ['127.0.0.1'], file: 'next' });
    writeFileSync(first.certFile, readFileSync(renewed.certFile));
    writeFileSync(first.keyFile, readFileSync(renewed.keyFile));
    let from = stderr.length;
    child.kill('SIGHUP');
    await logged('SIGHUP: TLS certificate now CN=renewed.kiosk.test', from);
    const after = await call('/healthz', renewed.certFile);
    expect(after).toMatchObject({ status: 200, subject: 'renewed.kiosk.test' });
    // The old certificate is no longer presented to new connections.
    await expect(call('/healthz', firstCa)).rejects.toThrow();

    writeFileSync(first.certFile, 'not a certificate');
    from = stderr.length;
    child.kill('SIGHUP');
    await logged('SIGHUP: TLS not reloaded, the previous certificate stays', from);
    expect(await call('/healthz', renewed.certFile)).toMatchObject({ status: 200, subject: 'renewed.kiosk.test' });
  });
});
