import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SAMPLE_CONSENT, SAMPLE_IDENTITY, noteOf } from '../../common/records/testing/samples';
import type { RecordItem } from '../../common/records/wire';
import { makeTestAuthority, makeTestCertificate } from '../../http/testing/test-certificate';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import { SmtpMssanteSender } from '../mail/mssante/mssante-sender';
import type { Platform } from '../platform';
import { HttpsEPrescriptionService } from '../prescriptions/eprescription/eprescription-service';
import {
  startEPrescriptionTestServer,
  type EPrescriptionTestServer,
} from '../prescriptions/eprescription/testing/eprescription-test-server';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor, connectKiosk, QUEUE_ENTRY, ticketFor } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * Issue 21 items 3 and 6 on the real platform: a prescription ended in a call goes to a local
 * e-prescription service (down first: the doctor sees why, then it is retried and delivered); the
 * report goes to the médecin traitant over MSSanté (a real SMTP server requiring the platform's
 * client certificate) only when the patient consented to that use.
 */
const mediasoup = await requireMediasoupWorker();
const dir = mkdtempSync(join(tmpdir(), 'compliance-'));
const pem = (file: string) => readFileSync(file, 'utf8');
const ca = makeTestAuthority(dir, { name: 'Test CA' });
const serverCert = makeTestCertificate(dir, { name: 'localhost', issuer: ca });
const platformCert = makeTestCertificate(dir, { name: 'platform.test', issuer: ca });
const tls = { cert: pem(platformCert.certFile), key: pem(platformCert.keyFile), ca: pem(ca.certFile) };

const mails: ParsedMail[] = [];
const smtp = new SMTPServer({
  secure: true,
  key: pem(serverCert.keyFile),
  cert: pem(serverCert.certFile),
  ca: pem(ca.certFile),
  requestCert: true,
  rejectUnauthorized: true,
  authOptional: true,
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => (mails.push(mail), callback()), callback);
  },
});
let service: EPrescriptionTestServer;
let platform: Platform;

beforeAll(async () => {
  service = await startEPrescriptionTestServer({
    cert: pem(serverCert.certFile),
    key: pem(serverCert.keyFile),
    ca: tls.ca,
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const mssante = new SmtpMssanteSender({
    host: 'localhost',
    port: (smtp.server.address() as AddressInfo).port,
    implicitTls: true,
    ...tls,
    from: 'teleconsultation@platform.mssante.test',
    trustedDomain: 'mssante.test',
  });
  const ePrescription = new HttpsEPrescriptionService({ url: service.url, ...tls });
  platform = await startTestPlatform({ ePrescription, mssante });
});
afterAll(async () => {
  await platform?.close();
  await service?.close();
  smtp.close();
});

/** One consultation: synced identity and consent (gp-report as given), ended with a prescription. */
async function consultation(gpReport: boolean, withIdentity = true) {
  const doctor = await connectDoctor(platform, null);
  const { token } = await doctor.request('sign-in', { email: DEV_DOCTOR.email, password: DEV_DOCTOR.password });
  await doctor.request('set-on-duty', { onDuty: true });
  const sessionId = randomUUID();
  const ticket = await ticketFor(platform, 'kiosk-c', sessionId);
  const kiosk = await connectKiosk(platform);
  const joined = await kiosk.request('join-queue', {
    token: ticket.token,
    sessionId,
    queueEntry: QUEUE_ENTRY,
    identity: withIdentity ? SAMPLE_IDENTITY : null,
    devices: [],
  });
  const uses = (['research', 'gp-report', 'reminders'] as const).map((use) => ({
    use,
    granted: use === 'gp-report' && gpReport,
    textVersion: '2026-12-fr.1',
    textSha256: 'a'.repeat(64),
  }));
  const consent = { ...SAMPLE_CONSENT, language: 'fr', textSha256: 'b'.repeat(64), uses };
  const items: RecordItem[] = [
    {
      id: randomUUID(),
      sessionId,
      kind: 'session-opened',
      payload: { kioskId: 'kiosk-c', startedAt: SAMPLE_CONSENT.at },
    },
    { id: randomUUID(), sessionId, kind: 'identity', payload: SAMPLE_IDENTITY },
    { id: randomUUID(), sessionId, kind: 'consent', payload: consent } as RecordItem,
  ];
  const synced = await fetch(`${platform.url}/api/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ticket.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(synced.status).toBe(200);
  const consultationId = joined.consultationId;
  await doctor.request('accept', { consultationId });
  await doctor.request('end-call', {
    consultationId,
    note: noteOf('Angine'),
    prescription: { lines: [{ item: 'Amoxicilline 1 g', dosage: '1 matin et soir', duration: '6 jours', notes: '' }] },
  });
  await kiosk.events.next('call-ended');
  const api = (path: string, body?: unknown) =>
    fetch(`${platform.url}/api/consultations/${consultationId}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  return { api };
}

type Delivery = { id: string; kind: string; attempts: number; lastError: string | null; receipt: string | null };

mediasoup.describe('deliveries on the platform', () => {
  it('the e-prescription service down: the doctor sees why; retried, it is delivered with the MedicationRequests', async () => {
    service.down = true;
    const { api } = await consultation(true);
    const first = async () => ((await (await api('/deliveries')).json()) as { deliveries: Delivery[] }).deliveries;
    await expect.poll(async () => (await first())[0]?.lastError).toMatch(/HTTP 503/);
    service.down = false;
    const rx = (await first()).find((d) => d.kind === 'eprescription')!;
    const retried = (await (await api(`/deliveries/${rx.id}/retry`, {})).json()) as { delivery: Delivery };
    expect(retried.delivery).toMatchObject({ lastError: null, receipt: expect.stringMatching(/^TEST-/) });
    expect(
      service.received.at(-1)?.bundle.entry.map((e) => (e.resource as { resourceType: string }).resourceType),
    ).toEqual(['Patient', 'MedicationRequest']);
  });

  it('the report goes to the médecin traitant over MSSanté with consent, and is refused without', async () => {
    const consented = await consultation(true);
    const sent = await consented.api('/report-to-gp', { address: 'dr.durand@medecin.mssante.test' });
    expect(sent.status).toBe(202);
    expect(((await sent.json()) as { delivery: Delivery }).delivery).toMatchObject({ lastError: null, attempts: 1 });
    expect(mails.at(-1)?.text).toContain('Amoxicilline 1 g');
    expect(mails.at(-1)?.text).toContain(SAMPLE_IDENTITY.lastName);
    const outside = await consented.api('/report-to-gp', { address: 'dr.durand@gmail.com' });
    expect(outside.status).toBe(400);

    const before = mails.length;
    const refused = await (
      await consultation(false)
    ).api('/report-to-gp', { address: 'dr.durand@medecin.mssante.test' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'no-consent' });
    expect(mails).toHaveLength(before);
  });

  it('a prescription that names no patient is not sent, and the doctor sees why', async () => {
    const { api } = await consultation(false, false);
    const deliveries = async () => ((await (await api('/deliveries')).json()) as { deliveries: Delivery[] }).deliveries;
    await expect.poll(async () => (await deliveries())[0]?.lastError).toMatch(/names no patient/);
  });
});
