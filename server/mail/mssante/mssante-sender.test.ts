import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAuthority, makeTestCertificate } from '../../../http/testing/test-certificate';
import { SmtpMssanteSender, type MssanteSmtpOptions } from './mssante-sender';

/**
 * MSSanté over a real SMTP server (smtp-server) on loopback that REQUIRES a client certificate
 * issued by a test CA made here: the platform's certificate is accepted, a certificate from another
 * CA or none at all is refused at the handshake, and each failure is a reason, not a lost message.
 */
const dir = mkdtempSync(join(tmpdir(), 'mssante-'));
const pem = (file: string) => readFileSync(file, 'utf8');
const ca = makeTestAuthority(dir, { name: 'MSSante test CA' });
const serverCert = makeTestCertificate(dir, { name: 'localhost', issuer: ca });
const platformCert = makeTestCertificate(dir, { name: 'platform.test', issuer: ca });
const rogueCa = makeTestAuthority(dir, { name: 'Rogue CA', file: 'rogue-ca' });
const rogueCert = makeTestCertificate(dir, { name: 'rogue.test', issuer: rogueCa, file: 'rogue' });

const received: ParsedMail[] = [];
/** What the server itself refused at the handshake (its 'error' events). */
const refusedByServer: string[] = [];
function mssanteServer(implicitTls: boolean) {
  const server = new SMTPServer({
    secure: implicitTls,
    key: pem(serverCert.keyFile),
    cert: pem(serverCert.certFile),
    ca: pem(ca.certFile),
    requestCert: true,
    rejectUnauthorized: true,
    authOptional: true,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('unknown@'))
        return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  server.on('error', (error: Error & { code?: string }) => refusedByServer.push(error.code ?? error.message));
  return server;
}
const implicit = mssanteServer(true);
const starttls = mssanteServer(false);
const ports = { implicit: 0, starttls: 0 };

beforeAll(async () => {
  implicit.listen(0, '127.0.0.1');
  starttls.listen(0, '127.0.0.1');
  await Promise.all([once(implicit.server, 'listening'), once(starttls.server, 'listening')]);
  ports.implicit = (implicit.server.address() as AddressInfo).port;
  ports.starttls = (starttls.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => implicit.close(() => resolve()));
  await new Promise<void>((resolve) => starttls.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const sender = (overrides: Partial<MssanteSmtpOptions> = {}) =>
  new SmtpMssanteSender({
    host: 'localhost',
    port: ports.implicit,
    implicitTls: true,
    cert: pem(platformCert.certFile),
    key: pem(platformCert.keyFile),
    ca: pem(ca.certFile),
    from: 'teleconsultation@platform.mssante.test',
    trustedDomain: 'mssante.test',
    ...overrides,
  });

const MESSAGE = {
  to: 'dr.durand@medecin.mssante.test',
  subject: 'Compte rendu de téléconsultation',
  text: 'Compte rendu',
  attachments: [
    {
      filename: 'compte-rendu.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4').toString('base64'),
    },
  ],
};

describe('MSSanté over SMTP with a TLS client certificate', () => {
  it('delivers with the platform certificate, implicit TLS and STARTTLS, with the attachment', async () => {
    for (const s of [sender(), sender({ port: ports.starttls, implicitTls: false })]) {
      const before = received.length;
      expect(await s.send(MESSAGE)).toMatch(/@/);
      expect(received).toHaveLength(before + 1);
      const mail = received.at(-1)!;
      expect(mail.subject).toBe(MESSAGE.subject);
      expect(mail.attachments.map((a) => a.filename)).toEqual(['compte-rendu.pdf']);
      s.close();
    }
  });

  it('a certificate from another authority is refused at the handshake: an error naming the certificate', async () => {
    const s = sender({ cert: pem(rogueCert.certFile), key: pem(rogueCert.keyFile) });
    const error = await s.send(MESSAGE).catch((e: Error) => e);
    expect(String(error)).toMatch(
      /closed the connection before accepting anything \(it may have refused the platform certificate\)/,
    );
    await expect.poll(() => refusedByServer.some((c) => /CERTIFICATE|VERIFY|certificate/i.test(c))).toBe(true);
    s.close();
  });

  it('no client certificate: refused, never sent in clear', async () => {
    const s = sender({ cert: '', key: '' });
    const before = received.length;
    await expect(s.send(MESSAGE)).rejects.toThrow(/refused the secure connection \(certificate required\)/);
    expect(received).toHaveLength(before);
    expect(refusedByServer).toContain('ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE');
    s.close();
  });

  it('an unreachable server and a refused mailbox are errors with their reason', async () => {
    const down = sender({ port: 9 });
    await expect(down.send(MESSAGE)).rejects.toThrow(/MSSanté server could not be reached \(ECONNREFUSED\)/);
    down.close();
    const s = sender();
    await expect(s.send({ ...MESSAGE, to: 'unknown@medecin.mssante.test' })).rejects.toThrow(
      /refused the message \(SMTP 550\)/,
    );
    s.close();
  });

  it('sends nothing outside the MSSanté trust space', async () => {
    const s = sender();
    await expect(s.send({ ...MESSAGE, to: 'dr.durand@gmail.com' })).rejects.toThrow(/not an MSSanté address/);
    expect(s.isMssanteAddress('a@b.mssante.test')).toBe(true);
    expect(s.isMssanteAddress('a@evilmssante.test')).toBe(false);
    s.close();
  });
});
