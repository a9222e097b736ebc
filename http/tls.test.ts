import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen, reloadTls, type HttpApp } from './http-server';
import { makeTestCertificate } from './testing/test-certificate';
import { loadTlsFiles, TlsFileError } from './tls-files';

let dir: string;
let a: { certFile: string; keyFile: string };
let b: { certFile: string; keyFile: string };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'http-tls-'));
  a = makeTestCertificate(dir, { name: 'a.kiosk.test', ips: ['127.0.0.1'] });
  b = makeTestCertificate(dir, { name: 'b.kiosk.test', ips: ['127.0.0.1'] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let app: HttpApp | undefined;
afterEach(async () => app?.close());

/** The common name of the certificate a new TLS connection to `url` is shown. */
function servedName(url: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port), rejectUnauthorized: false }, () => {
      resolve(String(socket.getPeerCertificate().subject.CN));
      socket.end();
    });
    socket.on('error', reject);
  });
}

/** GET over https trusting only `caFile` (the test certificate is its own CA). */
function getTrusting(url: string, caFile: string): Promise<{ status: number; hsts: string | undefined }> {
  const ca = loadTlsFiles({ certFile: caFile, keyFile: caFile.replace('-cert.pem', '-key.pem') }).cert;
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] });
    }).on('error', reject);
  });
}

describe('TLS from PEM files', () => {
  it('serves https with the certificate, sends HSTS, and swaps the certificate on reload', async () => {
    const live = { certFile: join(dir, 'live-cert.pem'), keyFile: join(dir, 'live-key.pem') };
    copyFileSync(a.certFile, live.certFile);
    copyFileSync(a.keyFile, live.keyFile);
    app = await createHttpServer({ name: 'test:tls', tls: live });
    app.get('/healthz', () => ({ ok: true }));
    const url = await listen(app, 0);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await getTrusting(`${url}/healthz`, a.certFile)).toEqual({
      status: 200,
      hsts: 'max-age=31536000; includeSubDomains',
    });
    expect(await servedName(url)).toBe('a.kiosk.test');

    // The renewal lands in the same paths; a reload (SIGHUP in the platform) serves it to new connections.
    copyFileSync(b.certFile, live.certFile);
    copyFileSync(b.keyFile, live.keyFile);
    expect(reloadTls(app, live)).toContain('b.kiosk.test');
    expect(await servedName(url)).toBe('b.kiosk.test');

    // A broken renewal is refused with the file named, and the running certificate stays.
    writeFileSync(live.keyFile, 'not a key');
    expect(() => reloadTls(app!, live)).toThrow(`${live.keyFile}: no PEM block`);
    expect(await servedName(url)).toBe('b.kiosk.test');
  });

  it('sends no HSTS over plain HTTP unless told a proxy serves https', async () => {
    app = await createHttpServer({ name: 'test:plain' });
    app.get('/x', () => ({}));
    const plain = await listen(app, 0);
    expect((await fetch(`${plain}/x`)).headers.get('strict-transport-security')).toBeNull();
    await app.close();
    app = await createHttpServer({ name: 'test:proxied', hsts: true, trustProxy: '127.0.0.1' });
    app.get('/ip', (request) => ({ ip: request.ip, protocol: request.protocol }));
    const proxied = await listen(app, 0);
    const res = await fetch(`${proxied}/ip`, {
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
    });
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    // The named proxy (here loopback) is believed about the client's address and scheme.
    expect(await res.json()).toEqual({ ip: '203.0.113.7', protocol: 'https' });
  });

  it('names the file and the fault: missing, not PEM, a key of another certificate, expired', () => {
    const missing = join(dir, 'missing.pem');
    expect(() => loadTlsFiles({ certFile: missing, keyFile: a.keyFile })).toThrow(
      `${missing}: cannot read the certificate (ENOENT)`,
    );
    const text = join(dir, 'text.pem');
    writeFileSync(text, 'hello');
    expect(() => loadTlsFiles({ certFile: text, keyFile: a.keyFile })).toThrow(`${text}: no PEM block`);
    expect(() => loadTlsFiles({ certFile: a.certFile, keyFile: b.keyFile })).toThrow(
      `${b.keyFile}: this key does not belong to the certificate in ${a.certFile}`,
    );
    const later = new Date(Date.now() + 3 * 24 * 3600_000);
    expect(() => loadTlsFiles(a, later)).toThrow(/: the certificate expired on \d{4}-/);
    expect(() => loadTlsFiles(a, later)).toThrow(TlsFileError);
  });
});
